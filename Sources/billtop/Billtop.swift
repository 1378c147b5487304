import ArgumentParser
import BillingStore
import Foundation

/// The `billtop` command: with no subcommand it opens the dashboard.
@main
struct Billtop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billtop",
        abstract: "A terminal dashboard for SaaS billing: customers, invoices, dunning and MRR.",
        discussion: ManualText.discussion,
        version: BuildInfo.line,
        subcommands: [
            DashboardCommand.self,
            OpenCommand.self,
            SyncCommand.self,
            CustomersCommand.self,
            CustomerGroupCommand.self,
            InvoicesCommand.self,
            InvoiceActionCommand.self,
            SubscriptionActionCommand.self,
            AuditCommand.self,
            StatusCommand.self,
            GHLCommand.self,
            CRMCommand.self,
            LinkCommand.self,
            UnlinkCommand.self,
            MrrCommand.self,
            DunningCommand.self,
            ConfigCommand.self,
            StoreCommand.self,
            ServeCommand.self,
            SandboxCommand.self,
            VersionCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )

    /// More arguments than any command reads (a search uses 16 words). ArgumentParser removes each parsed
    /// argument from an array, which is quadratic: 8,000 words took 15 s before a word was searched.
    static let maxArguments = 256

    /// Refuses an overlong command line in one line before parsing it, then runs as ArgumentParser's own
    /// `main` does, except that a failure exits with its `ExitStatus` (config 78, store 74, ...) where
    /// ArgumentParser would exit 1 for every error that is not a usage error.
    static func main() async {
        let count = CommandLine.arguments.count - 1
        if count > maxArguments {
            FileHandle.standardError.write(
                Data(
                    "Error: \(count) arguments are more than billtop reads (at most \(maxArguments)); a search uses its first \(SearchWords.limit) words\n"
                        .utf8))
            Foundation.exit(ExitStatus.usage.rawValue)  // as ArgumentParser exits for a bad argument
        }
        do {
            var command = try await asyncParseAsRoot(nil)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            guard let status = ExitStatus.of(error) else { exit(withError: error) }
            // The same one line ArgumentParser prints for an error, with the status that names its cause.
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(status.rawValue)
        }
    }
}
