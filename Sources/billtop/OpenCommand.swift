import ArgumentParser
import BillingStore
import BillingSync
import BilltopApp

/// `billtop open EMAIL|ID|REFERENCE|INVOICE_NUMBER|CHARGIFY_ADMIN_URL`: the dashboard opened on that customer's
/// screen (several matches: the customers search), for a helpdesk's "open in terminal" link. Nothing found: one
/// line and a non-zero exit, before the terminal is taken.
struct OpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the dashboard on one customer, found by email, id, reference, invoice number or admin URL.",
        discussion: """
            An admin URL is a Chargify site's https://SITE.chargify.com/customers/ID, /subscriptions/ID (its \
            customer) or /invoices/UID (its customer); its host must be a source's. A text is tried as a customer \
            id, email, reference and invoice number at once; several matches open the customers search.
            """)

    @Argument(help: "An email, customer id, reference, invoice number or Chargify admin URL.")
    var target: String

    // The dashboard's store options, passed on to it as arguments (an option group of the dashboard command
    // itself would also offer --demo and name this command `billtop dashboard open` in its usage).
    @Option(help: "The store to read (default $XDG_DATA_HOME/billtop/billtop.sqlite).")
    var db: String?

    @Option(help: "The config file whose sources are synced in the background (default: as the dashboard).")
    var config: String?

    @Flag(help: "Only read the store; do not sync the configured sources.")
    var noSync = false

    @Option(
        help: "Theme name (dark, light, high-contrast, monochrome) or a .toml path.", completion: CompletionLists.themes
    )
    var theme: String?

    func validate() throws {
        // Read before the store is opened, so a malformed URL costs nothing.
        do { _ = try OpenArgument.parse(target) } catch { throw ValidationError(error.message) }
    }

    /// The dashboard as `billtop --db ... --config ... --no-sync --theme ...` would run it.
    func dashboardCommand() throws -> DashboardCommand {
        var arguments: [String] = []
        if let db { arguments += ["--db", db] }
        if let config { arguments += ["--config", config] }
        if let theme { arguments += ["--theme", theme] }
        if noSync { arguments.append("--no-sync") }
        return try DashboardCommand.parse(arguments)
    }

    func run() async throws {
        let argument: OpenArgument
        do { argument = try OpenArgument.parse(target) } catch { throw CommandFailure(error.message, status: .usage) }
        let raw = target
        try await dashboardCommand().launch { store, sources in
            let sites = sources.filter { $0.kind == .chargify }.map {
                CustomerResolver.Site(name: $0.name, baseURL: $0.baseURL)
            }
            do {
                return try CustomerResolver(store: store, configured: sites).startPoint(for: argument, raw: raw)
            } catch let failure as OpenFailure {
                throw CommandFailure(failure.message)
            }
        }
    }
}
