import ArgumentParser

// Scaffold: replaced by the issue that builds this command.
struct DunningCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dunning", abstract: "Overdue accounts and receivables aging.")

    func run() async throws {
        throw ValidationError("billtop dunning is not built yet")
    }
}
