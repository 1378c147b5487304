import ArgumentParser

// Scaffold: replaced by the issue that builds this command.
struct MrrCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mrr", abstract: "MRR, ARR and movements.")

    func run() async throws {
        throw ValidationError("billtop mrr is not built yet")
    }
}
