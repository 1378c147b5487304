import ArgumentParser

// Scaffold: replaced by the issue that builds this command.
struct CustomerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "customer", abstract: "Show one customer.")

    func run() async throws {
        throw ValidationError("billtop customer is not built yet")
    }
}
