import BillingCore
import BillingStore
import Foundation

/// `billtop mrr`'s per-month movements: each month's bridge per currency, its ratios and its basis label.
enum MrrMovementsOutput {
    static func text(_ months: [MonthMovements]) -> String {
        var out = ""
        for month in months {
            out += "  \(month.from)..\(month.through)  [\(month.basis.label)]\n"
            if month.bridges.isEmpty { out += "       no MRR\n" }
            for b in month.bridges {
                let f = { (units: Int64) in MoneyFormatter.format(Money(minorUnits: units, currency: b.currency)) }
                out += "       \(b.currency.code) start \(f(b.start))"
                for kind in MRRMovement.Kind.allCases {
                    out += "  \(kind.sign > 0 ? "+" : "-")\(kind.rawValue) \(MoneyFormatter.format(b.amount(kind)))"
                }
                out += "  = end \(f(b.end))\(b.reconciles ? "" : "  (DOES NOT RECONCILE)")"
                out += "  NRR \(MRRRatios.nrr(b)?.percentString() ?? "n/a")\n"
            }
        }
        return out
    }

    /// The columns of `billtop mrr --csv`: one row per month and currency, the bridge in the order it adds up.
    static let csvHeader = [
        "source", "month", "from", "through", "basis", "basis_label", "currency", "start", "new", "expansion",
        "contraction", "churn", "reactivation", "end", "reconciles", "nrr_percent", "gross_mrr_churn_percent",
        "net_mrr_churn_percent",
    ]

    /// Each month's bridges as CSV fields (`CSVWriter` sanitises and guards each one). Money is a decimal string
    /// of its own currency on its own row, never added across currencies; a ratio over a zero start is empty
    /// (undefined, not 0%). A month with no MRR in any currency has no row.
    static func csvRows(_ months: [MonthMovements], source: String) -> [[String]] {
        var rows: [[String]] = []
        for month in months {
            for b in month.bridges {
                let units = { (minor: Int64) in Money(minorUnits: minor, currency: b.currency).decimalString }
                let percent = { (ratio: ExactRatio?) in
                    ratio.map { ExactDecimal(significand: $0.percentScaled(decimals: 2), scale: 2).description } ?? ""
                }
                rows.append(
                    [
                        source, String(month.month.description.prefix(7)), month.from.description,
                        month.through.description, month.basis.rawValue, month.basis.label, b.currency.code,
                        units(b.start), units(b.new), units(b.expansion), units(b.contraction), units(b.churn),
                        units(b.reactivation), units(b.end), b.reconciles ? "true" : "false",
                        percent(MRRRatios.nrr(b)), percent(MRRRatios.grossChurn(b)), percent(MRRRatios.netChurn(b)),
                    ])
            }
        }
        return rows
    }

    static func json(_ months: [MonthMovements]) -> [[String: Any]] {
        months.map { month in
            [
                "month": String(month.month.description.prefix(7)), "from": month.from.description,
                "through": month.through.description, "basis": month.basis.rawValue,
                "basis_label": month.basis.label, "is_estimate": month.basis != .observed && month.basis != .events,
                "currencies": month.bridges.map { b -> [String: Any] in
                    var entry: [String: Any] = [
                        "currency": b.currency.code,
                        "start": Money(minorUnits: b.start, currency: b.currency).decimalString,
                        "end": Money(minorUnits: b.end, currency: b.currency).decimalString,
                        "reconciles": b.reconciles,
                        "gross_mrr_churn": MetricsCommandSupport.ratio(MRRRatios.grossChurn(b)),
                        "net_mrr_churn": MetricsCommandSupport.ratio(MRRRatios.netChurn(b)),
                        "nrr": MetricsCommandSupport.ratio(MRRRatios.nrr(b)),
                    ]
                    for kind in MRRMovement.Kind.allCases { entry[kind.rawValue] = b.amount(kind).decimalString }
                    return entry
                },
            ]
        }
    }
}
