import ArgumentParser

// Scaffold: replaced by the issue that builds this command.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "Write or check the configuration file.")

    func run() async throws {
        throw ValidationError("billtop config is not built yet")
    }
}
