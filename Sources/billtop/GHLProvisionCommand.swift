import ArgumentParser
import BillingActions
import BillingCore
import BillingStore
import BillingSync
import Foundation

/// `billtop ghl provision [--tag TAG] [--since DATE] [--dry-run] [--yes] [--json] [--watch]`: reads the
/// location's contacts, then creates a billing customer for each contact without one, exactly once (see
/// `GHLProvisioner`), and writes the customer's id back to the contact. On a team store (`--store postgres://`)
/// it runs where the keys are, as serve does: the billing source is the store's, its key from config.toml.
struct GHLProvisionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provision", abstract: "Create billing customers for CRM contacts that have none, once each.")

    @Option(name: .long, help: "Only contacts with this tag (e.g. customer).") var tag: String?
    @Option(name: .long, help: "Only contacts updated on or after this day (YYYY-MM-DD, UTC).") var since: String?
    @Flag(name: .long, help: "Run again every sync interval until interrupted.") var watch = false
    @Option(name: .long, help: "Seconds between runs with --watch (default: the GHL location's interval).")
    var interval: Double?
    @OptionGroup var ghlOptions: GHLSourceOptions
    @OptionGroup var billing: BillingSourceOptions
    @OptionGroup var options: ActionOptions

    func validate() throws {
        if let since, LocalDate(iso: since) == nil { throw ValidationError("--since takes a day as YYYY-MM-DD") }
        if watch && options.dryRun { throw ValidationError("choose one of --watch and --dry-run") }
        if let interval, !(interval >= 1 && interval <= 86_400) {
            throw ValidationError("--interval takes seconds from 1 to 86400")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let ghlSource = try ghlOptions.require(configPath: options.config, environment: environment)
        var options = options
        let work: ProvisionWork
        if case .postgres(let url, _) = try options.store.choice() {
            work = try await ProvisionWork.team(url, options: options, billing: billing, environment: environment)
        } else {
            if let oneOff = try billing.resolve(name: options.source, environment: environment) {
                // Without a config: the billing side is read first, so no existing customer is created again.
                try await BillingSourceOptions.sync(oneOff, storePath: try options.store.path)
                options.source = oneOff.name
            }
            let setup = try ActionSetup.make(options)
            work = ProvisionWork(store: setup.store, runner: setup.runner, requestLog: setup.store, close: {})
        }
        do {
            try await provision(work, ghlSource: ghlSource, options: options)
        } catch {
            await work.close()
            throw error
        }
        await work.close()
    }

    /// The GHL sync, the plan, and (unless a dry run) the creates, links and field updates; again with --watch.
    private func provision(_ work: ProvisionWork, ghlSource: GHLSource, options: ActionOptions) async throws {
        let client = GHLClient(source: ghlSource, transport: URLSessionTransport(), store: work.requestLog)
        let provisioner = GHLProvisioner(store: work.store, runner: work.runner, ghl: client)
        let sinceMs = since.flatMap { LocalDate(iso: $0) }.map { Timestamp(startOf: $0).secondsSinceEpoch * 1000 }
        repeat {
            do {
                _ = try await GHLSync(store: work.store, client: client).run()
            } catch {
                throw CommandFailure("GHL \(ghlSource.name): \(TextSanitizer.clean(String(describing: error)))")
            }
            let plan = try await provisioner.plan(tag: tag, since: sinceMs)
            let fields = CustomerFieldFlow(store: work.store, runner: work.runner)
            let updates = try await fields.plan()
            if options.dryRun {
                print(options.json ? ProvisionReport.json(plan) : ProvisionReport.table(plan))
                if !options.json { for line in ProvisionReport.updates(updates) { print(line) } }
                print("(dry run: nothing was sent or journalled)")
                return
            }
            let work = plan.filter { $0.kind == .create || $0.kind == .link }
            if !(work.isEmpty && updates.isEmpty) && !options.yes {
                throw CommandFailure(
                    "\(work.count) contact(s) to provision and \(updates.count) customer(s) to update from the CRM: "
                        + "add --yes to go ahead (or --dry-run to see the plan)")
            }
            try ActionExecution.oneLine { () throws(ActionProblem) in
                try provisioner.runner.policy.check(.createCustomer, on: provisioner.runner.config)
            }
            let outcome = await provisioner.run(plan)
            print(options.json ? ProvisionReport.json(outcome) : ProvisionReport.lines(outcome))
            // Then later changes of linked contacts flow to their customers (the newer side wins).
            let updated = try await fields.run()
            for result in updated {
                let line = "updated: \(result.line)"
                if options.json { FileHandle.standardError.write(Data((line + "\n").utf8)) } else { print(line) }
            }
            if !watch {
                if outcome.contains(where: { $0.kind == .failed }) || updated.contains(where: { !$0.succeeded }) {
                    throw ExitCode(1)
                }
                return
            }
            // A watch prints each round as it ends (a pipe would otherwise hold it until exit).
            fflush(nil)
            try await Task.sleep(nanoseconds: UInt64((interval ?? Double(ghlSource.intervalSeconds)) * 1e9))
        } while true
    }
}
