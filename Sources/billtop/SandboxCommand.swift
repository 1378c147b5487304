import ArgumentParser

/// `billtop sandbox ...`: the local emulator of the Chargify, Truto and GHL APIs.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox", abstract: "Run the local API emulator (Chargify, Truto, GHL) on loopback.",
        subcommands: [SandboxServeCommand.self], defaultSubcommand: SandboxServeCommand.self)
}
