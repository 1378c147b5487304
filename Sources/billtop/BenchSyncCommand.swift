import ArgumentParser

// Scaffold: replaced by the issue that builds this benchmark.
struct BenchSyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync", abstract: "Benchmark: sync.")

    func run() async throws {
        throw ValidationError("billtop bench sync is not built yet")
    }
}
