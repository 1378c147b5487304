import ArgumentParser
import BillingCore
import BillingStore
import Foundation

/// `billtop-bench refresh`: what an aggregate refresh costs after a sync changed `--change` customers (issue 22):
/// their subscriptions are rewritten through the sync's page write, then the refresh recomputes only them and
/// moves the company figures by difference. With `--recompute`, the whole-source recompute is timed first.
struct BenchRefreshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh", abstract: "Benchmark: aggregate refresh after a change of N customers.")

    @Option(help: "Store to use (a copy of a bench-metrics or synced store; it is changed).")
    var db: String

    @Option(help: "Customers to change before the timed refresh.")
    var change = 100

    @Option(name: .customLong("as-of"), help: "As-of day (YYYY-MM-DD).")
    var asOf = "2026-06-20"

    @Option(help: "Seed choosing the customers and their changes.")
    var seed: UInt64 = 1

    @Flag(help: "Time a full recompute first (otherwise one runs, untimed, only when the aggregates are stale).")
    var recompute = false

    func validate() throws {
        guard change > 0 else { throw ValidationError("--change must be positive: the customers to change") }
        guard asOf.count == 10, LocalDate(iso: asOf) != nil else {
            throw ValidationError(
                "--as-of '\(TextSanitizer.clean(asOf))' is not a date: use YYYY-MM-DD, e.g. 2026-06-20")
        }
    }

    func run() async throws {
        let today = LocalDate(iso: asOf)!
        guard FileManager.default.fileExists(atPath: db) else {
            throw ValidationError("no store at \(TextSanitizer.clean(db)): make one with `billtop-bench metrics`")
        }
        let store = try BillingStore.open(path: db)
        guard let source = try store.sources().first else {
            throw ValidationError("the store has no source: make one with `billtop-bench metrics`")
        }
        let refresher = AggregateRefresher(store: store)
        print("load average at start: \(Self.loadAverage())")
        if try recompute || refresher.isStale(sourceID: source.id, asOf: today) {
            let report = try measure("full recompute") {
                try refresher.recomputeAggregates(sourceID: source.id, asOf: today)
            }
            print("  \(report.customersWithMRR) customer-currencies with MRR, \(report.alerts) alerts")
        }
        let ids = try store.benchCustomerIDs(sourceID: source.id, count: change, seed: seed)
        var page = PageWrite(sourceID: source.id, stream: "bench-change")
        var random = SplitMix64(seed: seed)
        let now = Timestamp(secondsSinceEpoch: Int64(today.daysSinceEpoch) * 86_400)
        for id in ids {
            guard let detail = try store.customer(RecordKey(sourceID: source.id, remoteID: id)) else { continue }
            for stored in detail.subscriptions where stored.value.state.isEnded == false {
                var s = stored.value
                // A seat change, a price change or a cancellation: expansion, contraction or churn today.
                switch random.next() % 3 {
                case 0 where !s.components.isEmpty:
                    s.components[0].quantity = ExactDecimal(Int64(1 + random.next() % 20))
                case 1: s.productPrice = Money(minorUnits: s.productPrice.minorUnits + 500, currency: s.currency)
                default:
                    s.state = .canceled
                    s.canceledAt = now
                }
                s.updatedAt = now
                page.subscriptions.append(Incoming(value: s, raw: "{\"bench-change\":\(seed)}"))
                break
            }
        }
        try store.apply(page)
        print("changed \(page.subscriptions.count) subscriptions of \(ids.count) customers")
        let report = try measure("refresh after the change") {
            try refresher.refreshAggregates(sourceID: source.id, asOf: today)
        }
        print(
            "  refreshed \(report.changedCustomers.map { "\($0) customers one by one" } ?? "everything (\(report.recomputeReason ?? "?"))")"
        )
        // What the dashboard does next: its customers pane rewrites the sort keys the refresh left stale.
        let rewrote = try measure("customers pane sort keys after it") { try CustomerRows(store: store).refreshStale() }
        print("  \(rewrote ? "rewrote the sort keys" : "the sort keys were current already")")
    }

    /// Runs `body` and prints its wall time, CPU, the resident set before and the peak after.
    func measure<T>(_ label: String, _ body: () throws -> T) throws -> T {
        let resident = ProcessMeter.residentMegabytes()
        let peakBefore = ProcessMeter.peakRSSMegabytes()
        let cpu = ProcessMeter.cpuSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        let report = try body()
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        let cpuMs = (ProcessMeter.cpuSeconds() - cpu) * 1_000
        print(
            "\(label): \(String(format: "%.1f", wall)) ms wall, \(String(format: "%.1f", cpuMs)) ms CPU; resident before \(resident) MB, peak before \(peakBefore) MB, peak after \(ProcessMeter.peakRSSMegabytes()) MB"
        )
        return report
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
            .joined(separator: " ") ?? "?"
    }
}
