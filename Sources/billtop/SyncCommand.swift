import ArgumentParser

// Scaffold: replaced by the issue that builds this command.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync", abstract: "Fetch billing data into the local store.")

    func run() async throws {
        throw ValidationError("billtop sync is not built yet")
    }
}
