import ArgumentParser

// Scaffold: replaced by the issue that builds this command.
struct InvoicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "invoices", abstract: "List invoices from the store.")

    func run() async throws {
        throw ValidationError("billtop invoices is not built yet")
    }
}
