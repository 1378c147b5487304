import BillingCore

/// `GET /mrr_movements.json` (Chargify's deprecated MRR report): the sandbox's own movements
/// (`SandboxMRRTruth`) over the last 25 months, newest first, paged by `page`/`per_page` (at most 50),
/// `{"mrr": {"movements": [...], "page", "per_page", "total_pages", "currency"}}`. Each movement carries its own
/// `currency` (the company bills in four), `category` (`new_business`, `expansion`, `contraction`, `churn`,
/// `reactivation`) and a signed `amount_in_cents` (negative for contraction and churn).
struct MRRMovementsRoute {
    let company: Company
    /// `FaultPlan.skewsMRRMovements`.
    let skewed: Bool

    static let maximumPerPage = 50
    /// The months the report reaches back (billtop's aggregates keep 25 by default).
    static let months = 25

    func handle(_ request: SandboxRequest) -> SandboxResponse {
        let paging = Paging(request, defaultPerPage: 10)
        let perPage = min(Self.maximumPerPage, paging.perPage)
        let today = company.now.utcDate
        let first = today.startOfMonth.adding(months: -Self.months)
        var movements = SandboxMRRTruth.movements(company, from: first, through: today)
        if skewed {
            let month = today.startOfMonth.adding(months: -1)
            movements.append(
                MRRMovement(
                    date: month.adding(days: 14), customerID: "skew", kind: .expansion,
                    amount: Money(minorUnits: 1_234, currency: .usd)))
        }
        movements.sort { ($0.date, $0.customerID, $0.kind.rawValue) > ($1.date, $1.customerID, $1.kind.rawValue) }
        let pages = max(1, (movements.count + perPage - 1) / perPage)
        let start = min(movements.count, (max(1, paging.page) - 1) * perPage)
        let slice = movements[start..<min(movements.count, start + perPage)]
        var w = JSONWriter(capacity: 300 * slice.count + 256)
        w.object { w in
            w.object("mrr") { w in
                w.array("movements") { w in
                    for movement in slice {
                        w.object { w in
                            w.time(
                                "timestamp", Timestamp(startOf: movement.date).secondsSinceEpoch + 12 * 3_600, offset: 0
                            )
                            w.field("amount_in_cents", movement.kind.sign * movement.amount.minorUnits)
                            w.field("currency", movement.amount.currency.code)
                            w.field("category", movement.kind == .new ? "new_business" : movement.kind.rawValue)
                            w.field("subscriber_name", "customer \(movement.customerID)")
                            w.field("description", "\(movement.kind.rawValue) of customer \(movement.customerID)")
                        }
                    }
                }
                w.field("page", max(1, paging.page))
                w.field("per_page", perPage)
                w.field("total_pages", pages)
                w.field("currency", "USD")
                w.field("currency_symbol", "$")
            }
        }
        return .json(200, w)
    }
}
