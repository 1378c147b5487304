import ArgumentParser

// Scaffold: replaced by the issue that builds this benchmark.
struct BenchMetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "metrics", abstract: "Benchmark: metrics.")

    func run() async throws {
        throw ValidationError("billtop bench metrics is not built yet")
    }
}
