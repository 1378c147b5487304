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
    /// cannot be idled, and the in-process mode measures both. With `--compare-discard`, a pass that fetches and
    /// decodes every page and stores nothing runs first (twice) against the same child, and the ratios of the two follow.
    func runSeparate(_ sourceKind: SourceConfig.Kind) async throws {
        let started = Date()
        let sandbox = try BenchSandboxProcess(customers: customers)
        defer { sandbox.stop() }
        print(
            "sandbox (child process \(sandbox.process.processIdentifier)): \(sandbox.summary) in \(seconds(since: started))"
        )
        if compareDiscard {
            // Its own scratch store: the pass leaves checkpoints that would make the full sync incremental.
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
                "billtop-bench-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: scratch) }
            // Twice: the first warms the child's record cache, which the full sync then finds warm too.
            var baseline = Pass(elapsed: 0, cpuPerRecord: 0)
            for round in 1...2 {
                let plain = try BillingStore.open(path: scratch.appendingPathComponent("store\(round).sqlite").path)
                print("pass \(round): records are fetched and decoded, then discarded")
                baseline = try await pass(sandbox, sourceKind, store: plain, discard: true)
            }
            let (store, cleanup) = try benchStore()
            defer { cleanup() }
            print("pass 3: the full sync into the store")
            let full = try await pass(sandbox, sourceKind, store: store, discard: false)
            print(
                String(
                    format:
                        "full sync / fetch-and-decode of the same pages: %.2f x the wall time (%.1f s / %.1f s), %.2f x the fetcher's CPU per record",
                    full.elapsed / baseline.elapsed, full.elapsed, baseline.elapsed,
                    full.cpuPerRecord / baseline.cpuPerRecord))
            return
        }
        let (store, cleanup) = try benchStore()
        defer { cleanup() }
        if discardRecords { print("records are fetched and decoded, then discarded (--discard-records)") }
        _ = try await pass(sandbox, sourceKind, store: store, discard: discardRecords)
    }

    /// What one pass over the child's company took.
    struct Pass {
        let elapsed: Double
        /// The fetcher's CPU (user + system) per record, in µs.
        let cpuPerRecord: Double
    }

    /// One full sync from the child sandbox into `store` (its records dropped with `discard`), its figures printed.
    func pass(_ sandbox: BenchSandboxProcess, _ sourceKind: SourceConfig.Kind, store: BillingStore, discard: Bool)
        async throws -> Pass
    {
        let clock = ManualClock(now: Double(SandboxConfiguration.defaultNow.secondsSinceEpoch))
        let source = SourceConfig(
            name: "bench", kind: sourceKind, baseURL: sandbox.baseURL, account: sandbox.account,
            secret: "sandbox", pageSize: pageSize)
        let runner = try SyncRunner(store: store, sources: [source], clock: clock, storesRecords: !discard)
        let sandboxCPUBefore = sandbox.cpuSeconds()
        let cpuBefore = ProcessMeter.cpuSeconds()
        let started = Date()
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
        return Pass(elapsed: elapsed, cpuPerRecord: records > 0 ? cpu / Double(records) * 1_000_000 : 0)
    }
}

/// Records counted by the progress reader while the runner's task reads the total at the end.
final class RecordCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add(_ n: Int) { lock.withLock { count += n } }
    var value: Int { lock.withLock { count } }
}
