import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox

extension BenchSyncCommand {
    /// Runs the runner once, printing a line every 30 s, so a long run that has to be cut short still says
    /// how fast it went. Returns the run's report and the records the pages carried.
    static func syncReportingProgress(_ runner: SyncRunner, started: Date) async -> (SyncRunResult, Int) {
        let counter = RecordCounter()
        let reporter = Task {
            var lastPrint = Date()
            for await event in runner.progress {
                if case .page(_, _, let records, _, _) = event { counter.add(records) }
                if case .runFinished = event { break }
                if Date().timeIntervalSince(lastPrint) >= 30 {
                    lastPrint = Date()
                    let elapsed = Date().timeIntervalSince(started)
                    let stored = counter.value
                    print(
                        "  ... \(stored) records in \(Int(elapsed)) s (\(Int(Double(stored) / elapsed)) records/s), RSS peak \(ProcessMeter.peakRSSMegabytes()) MB"
                    )
                    fflush(nil)  // all streams: the line must reach a pipe or file now
                }
            }
        }
        let report = await runner.runOnce()
        // The last pages' events may still be queued: let the reporter drain to runFinished.
        _ = await reporter.value
        return (report, counter.value)
    }

    /// The store a benchmark syncs into: `--db` (the caller's, kept), or a temporary one that `cleanup` removes.
    func benchStore() throws -> (store: BillingStore, cleanup: @Sendable () -> Void) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "billtop-bench-\(UUID().uuidString)")
        let store = try BillingStore.open(path: db ?? scratch.appendingPathComponent("store.sqlite").path)
        let temporary = db == nil
        return (store, { if temporary { try? FileManager.default.removeItem(at: scratch) } })
    }

    /// The full sync against a sandbox in a child process: the numbers are the fetcher's alone, with the
    /// sandbox's CPU and memory printed beside them. No no-change run or search here: the child's world
    /// cannot be idled, and the in-process mode measures both.
    func runSeparate(_ sourceKind: SourceConfig.Kind) async throws {
        var started = Date()
        let sandbox = try BenchSandboxProcess(customers: customers)
        defer { sandbox.stop() }
        print(
            "sandbox (child process \(sandbox.process.processIdentifier)): \(sandbox.summary) in \(seconds(since: started))"
        )
        let (store, cleanup) = try benchStore()
        defer { cleanup() }
        let clock = ManualClock(now: Double(SandboxConfiguration.defaultNow.secondsSinceEpoch))
        let source = SourceConfig(
            name: "bench", kind: sourceKind, baseURL: sandbox.baseURL, account: sandbox.account,
            secret: "sandbox", pageSize: pageSize)
        let runner = try SyncRunner(store: store, sources: [source], clock: clock, storesRecords: !discardRecords)
        if discardRecords { print("records are fetched and decoded, then discarded (--discard-records)") }
        let sandboxCPUBefore = sandbox.cpuSeconds()
        let cpuBefore = ProcessMeter.cpuSeconds()
        started = Date()
        let (full, records) = await Self.syncReportingProgress(runner, started: started)
        let elapsed = Date().timeIntervalSince(started)
        let cpu = ProcessMeter.cpuSeconds() - cpuBefore
        let sandboxCPU = sandbox.cpuSeconds() - sandboxCPUBefore
        let perRecord = { (seconds: Double) in
            records > 0 ? String(format: "%.0f", seconds / Double(records) * 1_000_000) : "-"
        }
        print(
            "full sync: \(full.ok ? "ok" : "FAILED \(full.failures)"), \(records) records, \(full.requests) requests, \(String(format: "%.1f", elapsed)) s, \(Int(Double(records) / max(elapsed, 0.001))) records/s"
        )
        print(
            String(
                format: "fetcher: %.1f s CPU (%@ µs per record), peak RSS %d MB", cpu, perRecord(cpu),
                ProcessMeter.peakRSSMegabytes()))
        print(
            String(
                format: "sandbox process: %.1f s CPU (%@ µs per record), peak RSS %d MB", sandboxCPU,
                perRecord(sandboxCPU), sandbox.peakRSSMegabytes()))
        let spent = runner.timings.current
        print(
            String(
                format: "streams waited %.1f s for pages and wrote %d pages in %.1f s (summed over concurrent streams)",
                spent.fetchWait, spent.pages, spent.write))
    }
}

/// Records counted by the progress reader while the runner's task reads the total at the end.
final class RecordCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add(_ n: Int) { lock.withLock { count += n } }
    var value: Int { lock.withLock { count } }
}
