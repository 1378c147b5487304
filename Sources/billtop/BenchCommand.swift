import ArgumentParser

/// `billtop bench ...`: benchmarks that print numbers (never asserted in tests).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a benchmark and print its numbers.",
        subcommands: [
            BenchSandboxCommand.self, BenchSyncCommand.self, BenchWriteCommand.self, BenchMetricsCommand.self,
            BenchTUICommand.self, BenchSearchCommand.self, BenchDecodeCommand.self,
        ]
    )
}
