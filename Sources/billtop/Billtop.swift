import ArgumentParser
import BillingStore
import Foundation

/// The `billtop` command: with no subcommand it opens the dashboard.
@main
struct Billtop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billtop",
        abstract: "A terminal dashboard for SaaS billing: customers, invoices, dunning and MRR.",
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
            SandboxCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )

    /// More arguments than any command reads (a search uses 16 words). ArgumentParser removes each parsed
    /// argument from an array, which is quadratic: 8,000 words took 15 s before a word was searched.
    static let maxArguments = 256

    /// Refuses an overlong command line in one line before parsing it, then runs as ArgumentParser would.
    static func main() async {
        let count = CommandLine.arguments.count - 1
        if count > maxArguments {
            FileHandle.standardError.write(
                Data(
                    "Error: \(count) arguments are more than billtop reads (at most \(maxArguments)); a search uses its first \(SearchWords.limit) words\n"
                        .utf8))
            Foundation.exit(64)  // EX_USAGE, as ArgumentParser exits for a bad argument
        }
        await main(nil)
    }
}
