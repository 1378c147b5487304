import ArgumentParser
import BillingCore
import BillingStore
import Foundation

/// `billtop dunning`: receivables aging and dunning alerts ordered by money at risk.
struct DunningCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dunning", abstract: "Overdue accounts and receivables aging.")

    @Option(name: .customLong("as-of"), help: "Age receivables as of this day (YYYY-MM-DD, default today in UTC).")
    var asOf: String?

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "Print the alerts as CSV (sanitised, formula-safe).")
    var csv = false

    @Option(help: "Path of the store (default $XDG_DATA_HOME/billtop/billtop.sqlite).")
    var db: String?

    @Option(help: "The store: a postgres:// URL (no password: use PGPASSWORD) or a file (default: $BILLTOP_STORE).")
    var store: String?

    @Option(help: "Only this source (by name).", completion: CompletionLists.sources)
    var source: String?

    @Option(help: "Alerts to show in the table (JSON and CSV get all).")
    var limit = 50

    @Flag(help: "Count unpaid subscriptions in MRR, as Chargify's own report does.")
    var unpaidCountsInMrr = false

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        try MetricsCommandSupport.validateDay(asOf)
    }

    func run() async throws {
        let (day, metrics, sources) = try await MetricsCommandSupport.prepare(
            store: store, db: db, source: source, asOf: asOf, unpaidCountsInMRR: unpaidCountsInMrr)
        var documents: [[String: Any]] = []
        if csv { print(CSVWriter.record(Self.csvHeader)) }
        for info in sources {
            guard let refresh = try metrics.refreshInfo(sourceID: info.id) else { continue }
            let aging = try metrics.aging(sourceID: info.id, asOf: day)
            let alerts =
                refresh.asOf == day
                ? try metrics.dunningAlerts(sourceID: info.id, offset: 0, limit: Int.max)
                : try metrics.dunningAlerts(sourceID: info.id, recomputedAsOf: day)
            if csv {
                for alert in alerts {
                    print(CSVWriter.record(Self.csvRow(alert, source: info.name, basis: refresh.basis)))
                }
            } else if json {
                documents.append(Self.json(aging: aging, alerts: alerts, source: info.name, basis: refresh.basis))
            } else {
                print(text(aging: aging, alerts: alerts, source: info.name, basis: refresh.basis), terminator: "")
            }
        }
        if json {
            let data = try JSONSerialization.data(
                withJSONObject: ["sources": documents], options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }

    func text(aging: AgingReport, alerts: [DunningAlert], source: String, basis: MRRBasis) -> String {
        var out = "\(TextSanitizer.clean(source)): receivables as of \(aging.asOf) (customer MRR: \(basis.label))\n"
        let (_, atRisk) = DunningAlerts.amountAtRisk(alerts)
        for currency in aging.currencies {
            let cells = AgingBucket.allCases.map {
                "\($0.label) \(MoneyFormatter.format(aging.cell($0, currency).amount))"
            }
            out += "  \(currency.code)  \(cells.joined(separator: "  "))\n"
            out +=
                "       open receivable \(MoneyFormatter.format(aging.openReceivable[currency]))  MRR at risk \(MoneyFormatter.format(atRisk[currency]))\n"
        }
        out += "  \(alerts.count) alert(s), by money at risk\(alerts.count > limit ? " (first \(limit))" : ""):\n"
        for alert in alerts.prefix(limit) {
            var facts = [alert.subscriptionState?.apiValue ?? "no subscription"]
            if let oldest = alert.oldestOverdue { facts.append("#\(oldest.number) \(oldest.daysOverdue)d overdue") }
            facts.append(
                "due "
                    + Self.dueText(
                        alert, alert.totalDue.nonZeroAmounts.map { MoneyFormatter.format($0) }, separator: " + "))
            facts.append(
                "MRR "
                    + (alert.customerMRR.isEmpty
                        ? "0"
                        : alert.customerMRR.nonZeroAmounts.map { MoneyFormatter.format($0) }.joined(separator: " + ")))
            if let stage = alert.dunning.stage { facts.append("stage: \(stage)") }
            if let retries = alert.dunning.retries { facts.append("\(retries) retries") }
            if let reason = alert.dunning.lastFailureReason { facts.append("last failure: \(reason)") }
            if let card = alert.cardExpiringOn { facts.append("card expires \(card)") }
            if let cancel = alert.scheduledCancellationOn { facts.append("cancels \(cancel)") }
            out +=
                "    \(TextSanitizer.clean(alert.customerName)) [\(TextSanitizer.clean(alert.customerID))]  \(facts.joined(separator: " · "))\n"
        }
        return out
    }

    /// The alert's due amounts, then its invoices whose due could not be read (never left out as if nothing were due).
    static func dueText(_ alert: DunningAlert, _ amounts: [String], separator: String) -> String {
        let unreadable = (alert.unreadableDue ?? []).map { "#\($0) \(InvoiceAmounts.marker)" }
        let parts = amounts + unreadable
        return parts.isEmpty ? "0" : parts.joined(separator: separator)
    }

    static let csvHeader = [
        "source", "customer_id", "customer", "risk_currency", "money_at_risk", "customer_mrr", "mrr_basis", "total_due",
        "oldest_invoice", "oldest_due_date", "days_overdue", "subscription_state", "dunning_stage", "retries",
        "last_failure_reason", "card_expires", "scheduled_cancellation",
    ]

    /// One alert's fields as they are; `CSVWriter.record` makes each one safe (a money amount is a plain
    /// number and stays one).
    static func csvRow(_ alert: DunningAlert, source: String, basis: MRRBasis) -> [String] {
        let amounts = { (totals: MoneyTotals) in
            totals.nonZeroAmounts.map { "\($0.decimalString) \($0.currency.code)" }.joined(separator: "; ")
        }
        return [
            source, alert.customerID, alert.customerName, alert.riskCurrency.code, alert.moneyAtRisk.decimalString,
            amounts(alert.customerMRR), basis.isEstimate ? "estimate from invoice lines" : "subscriptions",
            Self.dueText(
                alert, alert.totalDue.nonZeroAmounts.map { "\($0.decimalString) \($0.currency.code)" }, separator: "; "),
            alert.oldestOverdue?.number ?? "",
            alert.oldestOverdue?.dueDate.description ?? "", alert.oldestOverdue.map { String($0.daysOverdue) } ?? "",
            alert.subscriptionState?.apiValue ?? "", alert.dunning.stage ?? "",
            alert.dunning.retries.map(String.init) ?? "", alert.dunning.lastFailureReason ?? "",
            alert.cardExpiringOn?.description ?? "", alert.scheduledCancellationOn?.description ?? "",
        ]
    }

    static func json(aging: AgingReport, alerts: [DunningAlert], source: String, basis: MRRBasis) -> [String: Any] {
        let totals = { (t: MoneyTotals) -> [String: String] in
            Dictionary(uniqueKeysWithValues: t.amounts.map { ($0.currency.code, $0.decimalString) })
        }
        var buckets: [String: Any] = [:]
        for currency in aging.currencies {
            buckets[currency.code] = Dictionary(
                uniqueKeysWithValues: AgingBucket.allCases.map {
                    (
                        $0.label,
                        [
                            "amount": aging.cell($0, currency).amount.decimalString,
                            "invoices": aging.cell($0, currency).invoices,
                        ] as [String: Any]
                    )
                })
        }
        let (_, atRisk) = DunningAlerts.amountAtRisk(alerts)
        let list: [[String: Any]] = alerts.map { alert in
            var entry: [String: Any] = [
                "customer_id": TextSanitizer.clean(alert.customerID),
                "customer": TextSanitizer.clean(alert.customerName),
                "customer_mrr": totals(alert.customerMRR), "total_due": totals(alert.totalDue),
                "risk_currency": alert.riskCurrency.code, "money_at_risk": alert.moneyAtRisk.decimalString,
                "subscription_state": alert.subscriptionState?.apiValue ?? NSNull(),
                "dunning_stage": alert.dunning.stage ?? NSNull(), "retries": alert.dunning.retries ?? NSNull(),
                "last_failure_reason": alert.dunning.lastFailureReason ?? NSNull(),
                "card_expiring_within_30_days": alert.cardExpiringSoon,
                "card_expires": alert.cardExpiringOn?.description ?? NSNull(),
                "scheduled_cancellation": alert.scheduledCancellationOn?.description ?? NSNull(),
            ]
            if let oldest = alert.oldestOverdue {
                let unreadable = alert.unreadableDue?.contains(oldest.number) == true
                entry["oldest_overdue"] =
                    [
                        "invoice_id": TextSanitizer.clean(oldest.invoiceID), "number": oldest.number,
                        "due_date": oldest.dueDate.description, "days_overdue": oldest.daysOverdue,
                        "due": unreadable ? InvoiceAmounts.marker : oldest.due.decimalString,
                    ] as [String: Any]
            }
            // Overdue invoices whose due could not be read: not in total_due or money_at_risk, named here.
            entry["unreadable_due"] = alert.unreadableDue ?? []
            return entry
        }
        return [
            "source": TextSanitizer.clean(source), "as_of": aging.asOf.description, "mrr_basis": basis.rawValue,
            "mrr_is_estimate": basis.isEstimate, "aging": buckets, "open_receivable": totals(aging.openReceivable),
            "mrr_at_risk": totals(atRisk), "alerts": list,
            "ordering":
                "money at risk (overdue due + customer MRR) within each currency; currencies with more alerts first",
        ]
    }
}
