import ArgumentParser

// Scaffold: replaced by the issue that builds this command.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dashboard", abstract: "Open the dashboard (the default).")

    func run() async throws {
        throw ValidationError("billtop dashboard is not built yet")
    }
}
