import ArgumentParser

// Scaffold: replaced by the issue that builds this benchmark.
struct BenchSandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sandbox", abstract: "Benchmark: sandbox.")

    func run() async throws {
        throw ValidationError("billtop bench sandbox is not built yet")
    }
}
