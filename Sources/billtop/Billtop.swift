import ArgumentParser

/// The `billtop` command: with no subcommand it opens the dashboard.
@main
struct Billtop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billtop",
        abstract: "A terminal dashboard for SaaS billing: customers, invoices, dunning and MRR.",
        subcommands: [
            DashboardCommand.self,
            SyncCommand.self,
            CustomersCommand.self,
            CustomerCommand.self,
            InvoicesCommand.self,
            MrrCommand.self,
            DunningCommand.self,
            ConfigCommand.self,
            SandboxCommand.self,
            BenchCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )
}
