import ArgumentParser

// Scaffold: replaced by the issue that builds this command.
struct CustomersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "customers", abstract: "Search customers in the store.")

    func run() async throws {
        throw ValidationError("billtop customers is not built yet")
    }
}
