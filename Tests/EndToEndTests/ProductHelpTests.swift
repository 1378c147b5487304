import Foundation
import Testing

/// `billtop --help` lists what users run; the benchmarks are a target of their own (`billtop-bench`).
@Suite struct ProductHelpTests {
    @Test func theHelpListsTheCommandsAndNoBenchmark() async throws {
        let work = try ReliabilityProcess.workDirectory("help")
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try await ReliabilityProcess.run(["--help"], environment: ReliabilityProcess.environment(home: work), directory: work)
        #expect(result.status == 0, "\(result.stderrText)")
        let help = result.stdoutText
        for command in ["dashboard", "sync", "customers", "customer", "invoices", "mrr", "dunning", "config", "sandbox"] {
            #expect(help.contains("  \(command) "), "\(command) is missing from: \(help)")
        }
        #expect(!help.lowercased().contains("bench"), "a benchmark is listed: \(help)")
        let bench = try await ReliabilityProcess.run(["bench"], environment: ReliabilityProcess.environment(home: work), directory: work)
        #expect(bench.status != 0, "billtop bench still runs")
    }
}
