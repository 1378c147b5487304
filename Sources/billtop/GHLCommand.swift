import ArgumentParser

/// `billtop ghl ...`: the CRM side's commands.
struct GHLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ghl", abstract: "GoHighLevel: provision billing customers for CRM contacts.",
        subcommands: [GHLProvisionCommand.self])
}
