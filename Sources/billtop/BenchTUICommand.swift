import ArgumentParser

// Scaffold: replaced by the issue that builds this benchmark.
struct BenchTUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tui", abstract: "Benchmark: tui.")

    func run() async throws {
        throw ValidationError("billtop bench tui is not built yet")
    }
}
