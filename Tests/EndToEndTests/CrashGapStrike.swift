import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The crash in the gap, as one step the crash-gap suites share: the real binary sends `arguments`' write,
/// the sandbox does it and holds the answer, the client is killed with SIGKILL in that gap, the answer is
/// released, and the same command runs again. Answers the second run and the journal's attempts on the object.
enum CrashGapStrike {
    struct Outcome {
        var again: ReliabilityProcess.Result
        /// The attempt as the kill left it (journalled and marked sent before the request left).
        var journalled: [ActionJournalEntry]
        /// The attempts after the second run (one, resumed with the same token).
        var entries: [ActionJournalEntry]
    }

    static func strike(
        _ arguments: [String], objectID: String, kind: String, harness: SandboxHarness, source: SourceConfig,
        label: String
    ) async throws -> Outcome {
        let home = try ReliabilityProcess.workDirectory(label)
        let variable = source.kind == .chargify ? "BILLTOP_API_KEY" : "BILLTOP_TOKEN"
        let environment = ReliabilityProcess.environment(home: home, extra: [variable: source.secret])
        let arguments = arguments + ["--yes", "--db", harness.store.path]
        func attempts() throws -> [ActionJournalEntry] {
            try harness.store.actions().filter { $0.objectID == objectID && $0.kind == kind }
        }

        await harness.server.setFaults(FaultPlan(holdWriteResponseMilliseconds: 60_000, holdWriteRequests: 1...1))
        let outputs = home.appendingPathComponent(".outputs")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        let (first, _, _) = try ReliabilityProcess.start(
            arguments, environment: environment, directory: home, outputs: outputs)
        // Bounded: the write is done and its answer held, or the client exited without sending.
        var waited = 0
        while harness.server.heldResponses() == 0, first.isRunning, waited < 3_000 {
            try await Task.sleep(nanoseconds: 10_000_000)
            waited += 1
        }
        try #require(harness.server.heldResponses() == 1, "the write never reached the held gap")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)
        let journalled = try attempts()
        #expect(journalled.map(\.state) == [.sent], "the attempt was journalled and marked sent before it left")
        // The server finishes the first request (Truto records the answer it will replay), then the re-run.
        harness.server.releaseHeldResponses()
        while harness.server.heldResponses() > 0 { try await Task.sleep(nanoseconds: 10_000_000) }
        let again = try await ReliabilityProcess.run(arguments, environment: environment, directory: home)
        return Outcome(again: again, journalled: journalled, entries: try attempts())
    }
}
