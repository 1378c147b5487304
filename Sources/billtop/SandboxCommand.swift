import ArgumentParser

// Scaffold: replaced by the issue that builds this command.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sandbox", abstract: "Run the local API emulator.")

    func run() async throws {
        throw ValidationError("billtop sandbox is not built yet")
    }
}
