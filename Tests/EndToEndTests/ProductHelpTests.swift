import Foundation
import Testing

/// `billtop --help` lists what users run; the benchmarks are a target of their own (`billtop-bench`).
@Suite struct ProductHelpTests {
    @Test func theHelpListsTheCommandsAndNoBenchmark() async throws {
        let work = try ReliabilityProcess.workDirectory("help")
        defer { try? FileManager.default.removeItem(at: work) }
        let env = ReliabilityProcess.environment(home: work)
        let result = try await ReliabilityProcess.run(["--help"], environment: env, directory: work)
        #expect(result.status == 0, "\(result.stderrText)")
        let help = result.stdoutText
        let commands = [
            "dashboard", "sync", "customers", "customer", "invoices", "mrr", "dunning", "config", "sandbox",
        ]
        for command in commands {
            #expect(help.contains("  \(command) "), "\(command) is missing from: \(help)")
        }
        #expect(!help.lowercased().contains("bench"), "a benchmark is listed: \(help)")
        let bench = try await ReliabilityProcess.run(["bench"], environment: env, directory: work)
        #expect(bench.status != 0, "billtop bench still runs")
    }
}
