import ArgumentParser

/// `billtop-bench ...`: benchmarks that print numbers (never asserted in tests). A target of its own so the
/// product's `billtop --help` lists only what users run; run with `swift run -c release billtop-bench NAME`.
@main
struct BilltopBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billtop-bench",
        abstract: "Run a benchmark of billtop and print its numbers.",
        subcommands: [
            BenchSandboxCommand.self, BenchSyncCommand.self, BenchWriteCommand.self, BenchMetricsCommand.self,
            BenchTUICommand.self, BenchSearchCommand.self, BenchDecodeCommand.self, BenchHistoryCommand.self,
            BenchRefreshCommand.self, BenchTeamCommand.self, BenchTeamSteadyCommand.self,
        ]
    )
}
