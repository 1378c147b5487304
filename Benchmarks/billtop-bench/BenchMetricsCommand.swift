import ArgumentParser
import BillingCore
import BillingStore
import Foundation

/// `billtop-bench metrics`: refresh time, then the reads the MRR and dunning panes make, from a warm store.
struct BenchMetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "metrics", abstract: "Benchmark: metrics.")

    @Option(help: "Customers to generate when the store is empty.")
    var customers = 100_000

    @Option(help: "Store to use; generated into it when it has no bench source (default: a file under /tmp).")
    var db = "/tmp/billtop-bench-metrics.sqlite"

    @Option(help: "Times each read is repeated.")
    var repeats = 20

    @Option(name: .customLong("as-of"), help: "As-of day (YYYY-MM-DD).")
    var asOf = "2026-06-20"

    func validate() throws {
        guard customers > 0, repeats > 0 else { throw ValidationError("--customers and --repeats must be positive") }
        _ = try day()
    }

    /// `--as-of` as a day, or a one-line error that says what to type.
    func day() throws -> LocalDate {
        guard asOf.count == 10, let day = LocalDate(iso: asOf) else {
            throw ValidationError(
                "--as-of '\(TextSanitizer.clean(asOf))' is not a date: use YYYY-MM-DD, e.g. 2026-06-20")
        }
        return day
    }

    func run() async throws {
        let today = try day()
        let store = try BillingStore.open(path: db)
        let source = try store.registerSource(name: "bench", kind: "bench", baseURL: "http://127.0.0.1:1")
        if try store.customerCount(sourceID: source.id) == 0 {
            let started = Date()
            // Written as a first sync writes (its writer settings, the sort indexes built once at the end): a
            // million customers with the idle writer and live sort indexes took hours.
            store.beginSyncWrites()
            try store.deferIndexesForFirstListing(of: .invoice)
            var data = MetricsBenchData(seed: 42)
            try data.populate(store, sourceID: source.id, customers: customers, today: today) { done in
                if done % 20_000 == 0 {
                    print("  generated \(done) customers (\(Self.ms(since: started)) ms)")
                    fflush(nil)
                }
            }
            try store.rebuildDeferredIndexes(of: .invoice)
            store.endSyncWrites()
            print("populated in \(Self.ms(since: started)) ms")
        }
        let (subscriptions, invoices) = try store.subscriptionAndInvoiceRows(sourceID: source.id)
        print(
            "store: \(try store.customerCount(sourceID: source.id)) customers, \(subscriptions) subscriptions, \(invoices) invoices"
        )

        let refreshStarted = Date()
        let report = try AggregateRefresher(store: store).refreshAggregates(sourceID: source.id, asOf: today)
        print(
            "refreshAggregates: \(Self.ms(since: refreshStarted)) ms (\(report.customersWithMRR) customer-currencies with MRR, \(report.mrrPoints) MRR points, \(report.movements) movements, \(report.alerts) alerts)"
        )

        let metrics = MetricsStore(store: store)
        let month = today.startOfMonth
        let ids = try store.customers(sourceID: source.id, limit: 50).items.map(\.key.remoteID)
        try time("MRR summary (MRR per currency + this month's bridge + 12-month trend)") {
            _ = try metrics.mrrSummary(sourceID: source.id, asOf: today)
        }
        try time("movements for a month (bridges \(month.adding(months: -1))..\(month.adding(days: -1)))") {
            _ = try metrics.bridges(
                sourceID: source.id, from: month.adding(months: -1), through: month.adding(days: -1))
        }
        try time("aging as of the refresh day") { _ = try metrics.aging(sourceID: source.id) }
        try time("dunning alerts, first page of 100") { _ = try metrics.dunningAlerts(sourceID: source.id, limit: 100) }
        try time("customer metrics for 50 visible rows") {
            _ = try metrics.customerMetrics(sourceID: source.id, customerIDs: ids)
        }
        try time("top 50 customers by MRR (USD)") {
            _ = try metrics.topCustomers(sourceID: source.id, by: .mrr, currency: .usd, limit: 50)
        }
        try time("all four pane reads together") {
            _ = try metrics.mrrSummary(sourceID: source.id, asOf: today)
            _ = try metrics.aging(sourceID: source.id)
            _ = try metrics.dunningAlerts(sourceID: source.id, limit: 100)
            _ = try metrics.customerMetrics(sourceID: source.id, customerIDs: ids)
        }
        let back = Date()
        _ = try metrics.aging(sourceID: source.id, asOf: today.adding(days: -19))
        print(
            "aging moved back to \(today.adding(days: -19)) (rebuilt from invoices, a command path): \(Self.ms(since: back)) ms"
        )
    }

    func time(_ label: String, _ body: () throws -> Void) throws {
        var samples: [Double] = []
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        }
        samples.sort()
        let p50 = samples[samples.count / 2]
        print(
            "\(label): p50 \(String(format: "%.2f", p50)) ms, max \(String(format: "%.2f", samples.last!)) ms (\(repeats) runs)"
        )
    }

    static func ms(since date: Date) -> Int { Int(Date().timeIntervalSince(date) * 1000) }
}
