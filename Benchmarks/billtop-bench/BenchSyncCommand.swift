import ArgumentParser
import BillingCore
import BillingStore
import BillingSync
import Dispatch
import Foundation
import Sandbox

/// `billtop-bench sync`: a full sync from an in-process sandbox on loopback, a no-change run, and FTS5
/// prefix search latency. Prints numbers; asserts nothing.
struct BenchSyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync", abstract: "Benchmark: sync.")

    @Option(help: "Customers in the generated company (about 10 invoices each).") var customers = 100_000
    @Option(help: "Records per page.") var pageSize = 200
    @Option(help: "Search queries to time.") var queries = 2_000
    @Option(help: "Where to put the store (default: a temporary directory).") var db: String?
    @Option(help: "chargify or truto.") var kind = "chargify"
    @Flag(
        help:
            "Serve the company from a child process, so the fetcher's CPU and peak memory are measured apart (full sync only)."
    )
    var separateSandbox = false
    @Flag(
        help:
            "Fetch and decode every page but store no records (with --separate-sandbox): the rate no store could beat.")
    var discardRecords = false
    @Flag(
        help:
            "With --separate-sandbox: first fetch and decode every page storing nothing, then sync the same pages into the store, and print the ratios."
    )
    var compareDiscard = false
    @Option(help: "Milliseconds the sandbox adds to every request (a real API's latency, e.g. 200).") var latency = 0
    @Option(help: "Requests the sandbox allows in flight (Chargify's real cap is 4); more are answered 429.")
    var concurrencyCap: Int?

    func run() async throws {
        guard let sourceKind = SourceConfig.Kind(rawValue: kind) else {
            throw ValidationError("--kind must be chargify or truto")
        }
        if separateSandbox { return try await runSeparate(sourceKind) }
        if discardRecords { throw ValidationError("--discard-records needs --separate-sandbox") }
        var started = Date()
        let config = SandboxConfiguration(
            seed: 1, customers: customers,
            faults: FaultPlan(concurrencyCap: concurrencyCap, latencyMilliseconds: latency))
        let server = try await SandboxServer.start(config)
        let company = await server.world.company
        print(
            "sandbox: \(company.customers.count) customers, \(company.subscriptions.count) subscriptions, \(company.invoices.count) invoices, \(company.events.count) events, generated in \(seconds(since: started))"
        )
        let (store, cleanup) = try benchStore()
        defer { cleanup() }
        let clock = ManualClock(now: Double(company.now.secondsSinceEpoch))
        let source = SourceConfig(
            name: "bench", kind: sourceKind, baseURL: server.baseURL, account: server.integratedAccountID,
            secret: sourceKind == .chargify ? config.chargifyAPIKey : config.trutoToken, pageSize: pageSize)
        let runner = try SyncRunner(store: store, sources: [source], clock: clock)
        let rssBefore = ProcessMeter.peakRSSMegabytes()
        started = Date()
        let cpuBefore = ProcessMeter.cpuSeconds()
        let (full, _) = await Self.syncReportingProgress(runner, started: started)
        let elapsed = Date().timeIntervalSince(started)
        let cpu = ProcessMeter.cpuSeconds() - cpuBefore
        let spent = runner.timings.current
        let records =
            company.customers.count + company.subscriptions.count + company.invoices.count + company.events.count
        print(
            "full sync: \(full.ok ? "ok" : "FAILED \(full.failures)"), \(records) records, \(full.requests) requests, \(String(format: "%.1f", elapsed)) s, \(Int(Double(records) / elapsed)) records/s"
        )
        if latency > 0 {
            // No sync can beat every request waiting its latency with every slot busy all the time.
            let slots = Double(min(source.maxInFlight, concurrencyCap ?? source.maxInFlight))
            let bound = Double(full.requests) * Double(latency) / 1000 / slots
            let refused = await server.requestLog().filter { $0.status == 429 }.count
            print(
                String(
                    format:
                        "under latency %d ms, %d slots: lower bound %.1f s (requests x latency / slots); ratio %.2f; %d requests answered 429",
                    latency, Int(slots), bound, bound / elapsed, refused))
        }
        print(
            "peak RSS: \(ProcessMeter.peakRSSMegabytes()) MB (after sandbox generation: \(rssBefore) MB; includes the in-process sandbox)"
        )
        print(
            String(
                format:
                    "where the time went: %.1f s CPU (sandbox + fetcher, user+system) in %.1f s wall; streams waited %.1f s for pages and wrote %d pages in %.1f s (summed over concurrent streams)",
                cpu, elapsed, spent.fetchWait, spent.pages, spent.write))

        // Quiet time passes on both clocks (the fetcher's high-water mark comes from the server's Date).
        await server.world.idle(seconds: 900)
        clock.advance(seconds: 900)
        _ = await runner.runOnce()
        await server.world.idle(seconds: 900)
        clock.advance(seconds: 900)
        started = Date()
        let quiet = await runner.runOnce()
        print(
            "no-change run: \(quiet.requests) requests, \(String(format: "%.3f", Date().timeIntervalSince(started))) s")

        var random = SystemRandomNumberGenerator()
        let names = company.customers.map { $0.lastName.isEmpty ? $0.email : $0.lastName }
        var timings: [Double] = []
        timings.reserveCapacity(queries)
        for _ in 0..<queries {
            let name = names.randomElement(using: &random) ?? "a"
            let prefix = String(name.prefix(Int.random(in: 1...4, using: &random)))
            let t = Date()
            _ = try store.searchCustomers(query: prefix, limit: 50)
            timings.append(Date().timeIntervalSince(t) * 1000)
        }
        timings.sort()
        func pct(_ p: Double) -> String {
            String(format: "%.2f", timings[min(timings.count - 1, Int(Double(timings.count) * p))])
        }
        print("search (prefix 1-4 chars, limit 50, \(queries) queries): p50 \(pct(0.5)) ms, p99 \(pct(0.99)) ms")
        await server.stop()
    }

    func seconds(since date: Date) -> String { String(format: "%.1f s", Date().timeIntervalSince(date)) }
}
