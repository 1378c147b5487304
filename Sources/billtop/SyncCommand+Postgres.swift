import ArgumentParser
import BillingStore
import BillingSync
import Foundation
import Logging

extension SyncCommand {
    /// `billtop sync --store postgres://...`: every billing stream of the sources into the team store, one
    /// transaction per page as on SQLite. The aggregates (MRR, dunning) are each copy's, and the GHL locations and
    /// dunning tasks serve's, which the run says in one line rather than leave a viewer wondering.
    func syncPostgres(_ url: PostgresStoreURL, sources: [SourceConfig], logger: Logger) async throws {
        let db: PostgresStore
        do { db = try await PostgresStore.open(url) } catch let refused as PostgresStoreError {
            throw CommandFailure(refused.message, status: .store)
        }
        let runner: SyncRunner
        do { runner = try await SyncRunner(records: db, sources: sources, logger: logger) } catch {
            await db.close()
            throw CommandFailure(db.writeFailure(error), status: .store)
        }
        let display = ProgressDisplay(
            isTerminal: isatty(STDERR_FILENO) == 1, showsFailures: watch, estimates: { runner.firstSyncEstimates() })
        let printer = Task { for await event in runner.progress { display.show(event) } }
        defer { printer.cancel() }
        let note =
            "the team store has the records; each viewer's copy computes MRR and dunning from them (billtop mrr --store ...); GHL locations and dunning tasks come from billtop serve"
        if watch {
            FileHandle.standardError.write(Data("billtop: \(note)\n".utf8))
            await runner.watch(interval: interval, full: full, sourceName: source)
            await db.close()
            return
        }
        let result = await runner.runOnce(full: full, sourceName: source)
        try? await Task.sleep(nanoseconds: 50_000_000)
        display.finish()
        await db.close()
        let report = RunReport(result: result, flagLog: [])
        for line in report.failureLines { FileHandle.standardError.write(Data((line + "\n").utf8)) }
        print(report.summary)
        print(note)
        let attempted = sources.filter { source == nil || $0.name == source }.reduce(0) { $0 + $1.streams.count }
        let status = ExitStatus.of(sync: result, streams: attempted)
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
