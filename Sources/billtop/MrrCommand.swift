import ArgumentParser
import BillingCore
import BillingStore
import BillingSync
import Foundation

/// `billtop mrr`: MRR, ARR, ARPA, this month's movements and the trend, per currency, from the local store.
struct MrrCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mrr", abstract: "MRR, ARR and movements.")

    @Option(name: .customLong("as-of"), help: "The day the figures are as of (YYYY-MM-DD, default today in UTC).")
    var asOf: String?

    @Option(help: "Months of month-end trend to show.")
    var months = 12

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(help: "Print each month's movements, bridge and ratios per currency as CSV (the --from/--to range).")
    var csv = false

    @Flag(
        name: .customLong("cross-check"),
        help: "Compare each month's movements with Chargify's own /mrr_movements.json (Chargify sources only).")
    var crossCheck = false

    @Option(help: "Path of the store (default $XDG_DATA_HOME/billtop/billtop.sqlite).")
    var db: String?

    @Option(help: "The store: a postgres:// URL (no password: use PGPASSWORD) or a file (default: $BILLTOP_STORE).")
    var store: String?

    @Option(help: "Only this source (by name).", completion: CompletionLists.sources)
    var source: String?

    @Flag(help: "Count unpaid subscriptions in MRR, as Chargify's own report does.")
    var unpaidCountsInMrr = false

    @Flag(help: "Recompute the aggregates from every record instead of only the customers that changed.")
    var recompute = false

    @Option(help: "First day of a movements range (YYYY-MM-DD): prints each month's bridge from it to --to.")
    var from: String?

    @Option(help: "Last day of the movements range (YYYY-MM-DD, default the as-of day).")
    var to: String?

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        if crossCheck && (json || csv) {
            throw ValidationError("--cross-check prints its own table: leave out --json and --csv")
        }
        guard months >= 1 && months <= 120 else { throw ValidationError("--months must be between 1 and 120") }
        try MetricsCommandSupport.validateDay(asOf)
        try MetricsCommandSupport.validateDay(from, option: "--from")
        try MetricsCommandSupport.validateDay(to, option: "--to")
        if to != nil && from == nil { throw ValidationError("--to needs --from: give the range's first day too") }
        if let from, let to, from > to { throw ValidationError("--from \(from) is after --to \(to): swap them") }
    }

    func run() async throws {
        let (day, metrics, sources) = try await MetricsCommandSupport.prepare(
            store: store, db: db, source: source, asOf: asOf, unpaidCountsInMRR: unpaidCountsInMrr, recompute: recompute
        )
        var documents: [[String: Any]] = []
        var csvRows: [[String]] = []
        for info in sources {
            guard let summary = try metrics.mrrSummary(sourceID: info.id, asOf: day, months: months) else { continue }
            let gaps = try metrics.store.mrrGaps(sourceID: info.id)
            // The range's months, or by default the trend's, each with its bridge and basis.
            let rangeFrom = from.flatMap(LocalDate.init(iso:)) ?? day.startOfMonth.adding(months: -(months - 1))
            let rangeTo = min(to.flatMap(LocalDate.init(iso:)) ?? day, day)
            let monthly = try metrics.monthlyMovements(sourceID: info.id, from: rangeFrom, through: rangeTo)
            if crossCheck {
                print(
                    try await MrrCrossCheck.run(
                        info, months: monthly, environment: ProcessInfo.processInfo.environment,
                        transport: URLSessionTransport()), terminator: "")
            } else if csv {
                csvRows += MrrMovementsOutput.csvRows(monthly, source: info.name)
            } else if json {
                var document = Self.json(summary, source: info.name, gaps: gaps)
                document["months"] = MrrMovementsOutput.json(monthly)
                documents.append(document)
            } else {
                print(Self.text(summary, source: info.name, gaps: gaps), terminator: "")
                if from != nil { print(MrrMovementsOutput.text(monthly), terminator: "") }
            }
        }
        if csv { print(CSVWriter.document(header: MrrMovementsOutput.csvHeader, rows: csvRows), terminator: "") }
        if json {
            let data = try JSONSerialization.data(
                withJSONObject: ["sources": documents], options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }

    static func text(_ summary: MRRSummary, source: String, gaps: [MRRGapCount] = []) -> String {
        var out = "\(TextSanitizer.clean(source)): MRR as of \(summary.asOf) - \(summary.basis.label)\n"
        // Before the figures: they are wrong by what these leave out.
        for gap in gaps { out += "  INCOMPLETE: \(TextSanitizer.clean(gap.description))\n" }
        if !gaps.isEmpty {
            out += "  (MRR, movements and trend leave that out; `billtop sync --full` once the listing can be read)\n"
        }
        if let basis = summary.periodBasis {
            out += "  history: this month \(basis.label)"
            if let trend = summary.trendBasis, trend != basis { out += "; trend down to \(trend.label)" }
            out += "\n"
        }
        if summary.currencies.isEmpty { out += "  no MRR in any currency\n" }
        for c in summary.currencies {
            let f = { (m: Money) in MoneyFormatter.format(m) }
            let b = c.bridge
            out +=
                "  \(c.currency.code)  MRR \(f(c.mrr))  ARR \(f(c.arr))  ARPA \(c.arpa.map(f) ?? "-")  paying customers \(c.payingCustomers)\n"
            out +=
                "       \(summary.periodStart)..\(summary.asOf): start \(f(Money(minorUnits: b.start, currency: b.currency)))"
            for kind in MRRMovement.Kind.allCases {
                out += "  \(kind.sign > 0 ? "+" : "-")\(kind.rawValue) \(f(b.amount(kind)))"
            }
            out +=
                "  = end \(f(Money(minorUnits: b.end, currency: b.currency)))\(b.reconciles ? "" : "  (DOES NOT RECONCILE)")\n"
            out +=
                "       gross MRR churn \(c.grossChurn?.percentString() ?? "n/a")  net MRR churn \(c.netChurn?.percentString() ?? "n/a")  NRR \(c.nrr?.percentString() ?? "n/a")\n"
            if let usage = c.usageRunRate, let churn = c.scheduledChurn, let receivable = c.openReceivable,
                let risk = c.mrrAtRisk
            {
                out +=
                    "       usage run-rate \(f(usage)) (not MRR)  scheduled churn \(f(churn))  open receivable \(f(receivable))  MRR at risk \(f(risk))\n"
            }
            let trend = c.trend.map {
                "\($0.day.description.prefix(7)) \(MoneyFormatter.compact(Money(minorUnits: $0.minorUnits, currency: c.currency)))"
            }
            out += "       trend (month end): \(trend.joined(separator: ", "))\n"
        }
        if let converted = summary.converted {
            out +=
                "  total \(MoneyFormatter.format(converted.amount)) (\(converted.label); per-currency figures above are primary)\n"
        }
        return out
    }

    static func json(_ summary: MRRSummary, source: String, gaps: [MRRGapCount] = []) -> [String: Any] {
        var currencies: [[String: Any]] = []
        for c in summary.currencies {
            let b = c.bridge
            var entry: [String: Any] = [
                "currency": c.currency.code, "mrr": c.mrr.decimalString, "arr": c.arr.decimalString,
                "arpa": c.arpa?.decimalString ?? NSNull(), "paying_customers": c.payingCustomers,
                "movements": [
                    "start": Money(minorUnits: b.start, currency: b.currency).decimalString,
                    "new": b.amount(.new).decimalString, "reactivation": b.amount(.reactivation).decimalString,
                    "expansion": b.amount(.expansion).decimalString,
                    "contraction": b.amount(.contraction).decimalString,
                    "churn": b.amount(.churn).decimalString,
                    "end": Money(minorUnits: b.end, currency: b.currency).decimalString,
                    "reconciles": b.reconciles,
                ] as [String: Any],
                "gross_mrr_churn": MetricsCommandSupport.ratio(c.grossChurn),
                "net_mrr_churn": MetricsCommandSupport.ratio(c.netChurn),
                "nrr": MetricsCommandSupport.ratio(c.nrr),
                "trend": c.trend.map {
                    [
                        "day": $0.day.description,
                        "mrr": Money(minorUnits: $0.minorUnits, currency: c.currency).decimalString,
                    ]
                },
            ]
            entry["usage_run_rate"] = c.usageRunRate?.decimalString ?? NSNull()
            entry["scheduled_churn"] = c.scheduledChurn?.decimalString ?? NSNull()
            entry["open_receivable"] = c.openReceivable?.decimalString ?? NSNull()
            entry["mrr_at_risk"] = c.mrrAtRisk?.decimalString ?? NSNull()
            currencies.append(entry)
        }
        var document: [String: Any] = [
            "source": TextSanitizer.clean(source), "as_of": summary.asOf.description,
            "period_start": summary.periodStart.description,
            "basis": summary.basis.rawValue, "is_estimate": summary.basis.isEstimate,
            "basis_label": summary.basis.label,
            "period_basis": summary.periodBasis?.rawValue ?? NSNull(),
            "period_basis_label": summary.periodBasis?.label ?? NSNull(),
            "trend_basis": summary.trendBasis?.rawValue ?? NSNull(),
            "currencies": currencies, "complete": gaps.isEmpty,
            "incomplete": gaps.map { gap -> [String: Any] in
                [
                    "excludes": gap.gap.part.rawValue, "reason": TextSanitizer.clean(gap.gap.reason),
                    "subscriptions": gap.subscriptions, "message": TextSanitizer.clean(gap.description),
                ]
            },
        ]
        if let converted = summary.converted {
            document["converted_total"] = [
                "amount": converted.amount.decimalString, "currency": converted.amount.currency.code,
                "rate_date": converted.rateDate.description, "label": converted.label,
            ]
        }
        return document
    }
}
