import ArgumentParser
import BillingActions
import BillingCore
import BillingStore
import BillingSync
import Foundation

/// `billtop crm note|task|complete-task`: writes to the contact linked to a billing customer, each exactly
/// once (see `CRMWriteRunner`) and listed in `billtop audit`.
struct CRMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crm", abstract: "Add a note or a task to a customer's CRM contact, or complete a task.",
        subcommands: [CRMNoteCommand.self, CRMTaskCommand.self, CRMCompleteTaskCommand.self])
}

/// What every `billtop crm` write takes: the customer, the GHL location, `--yes`, `--json`, the store.
struct CRMWriteOptions: ParsableArguments {
    @Argument(help: "The customer's id, e-mail or reference.") var customer: String
    @Flag(name: .long, help: "Write without a prompt (needed when not on a terminal).") var yes = false
    @Flag(name: .long, help: "Print the outcome as JSON.") var json = false
    @Flag(name: .long, help: "Refuse the write (as BILLTOP_READ_ONLY=1 does).") var readOnly = false
    @Option(name: .long, help: "The billing source (default: the store's only source).") var source: String?
    @Option(name: .long, help: "The config file (default: $BILLTOP_CONFIG or ~/.config/billtop/config.toml).")
    var config: String?
    @Option(name: .long, help: "On a team (PostgreSQL) store: seconds to wait for billtop serve's answer.")
    var wait = 30
    @OptionGroup var ghlOptions: GHLSourceOptions
    @OptionGroup var store: StoreOptions
}

/// The customer and its contact a `billtop crm` write works on, and who writes it: this terminal with a GHL token
/// (a SQLite store), or, on a team store, billtop serve, which holds the tokens and performs the request once.
struct CRMWriteSetup {
    enum Writer {
        case here(CRMWriteRunner)
        /// The team store and its source the customer belongs to (its id there, not in the copy).
        case serve(PostgresStoreURL, SourceInfo)
    }

    let writer: Writer
    let customerID: String
    let contact: CRMContact
    /// The store the customer was found in: the SQLite store, or the viewer's caught-up copy of the team store.
    let store: BillingStore

    static func make(_ options: CRMWriteOptions) async throws -> CRMWriteSetup {
        let environment = ProcessInfo.processInfo.environment
        if let readOnly = ActionPolicy.from(flag: options.readOnly, environment: environment).globalReadOnly {
            throw CommandFailure("read-only: \(readOnly), so nothing is written to the CRM (unset it to write)")
        }
        if case .postgres(let url, _) = try options.store.choice() {
            let copy = try await TeamCopy.caughtUp(url)
            let (info, customerID, contact) = try found(options, in: copy)
            let team = try await PostgresStore.openForReading(url)
            let source = try await team.sources().first { $0.name == info.name }
            await team.close()
            guard let source else {
                throw CommandFailure(
                    "source \(TextSanitizer.clean(info.name)) is not in the team store", status: .store)
            }
            return CRMWriteSetup(writer: .serve(url, source), customerID: customerID, contact: contact, store: copy)
        }
        let ghlSource = try options.ghlOptions.require(configPath: options.config, environment: environment)
        let path = try options.store.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure("no store at \(path); run `billtop sync` first (or pass --db)")
        }
        let db = try CommandStore.open(path: path)
        let (info, customerID, contact) = try found(options, in: db)
        let client = GHLClient(source: ghlSource, transport: URLSessionTransport(), store: db)
        return CRMWriteSetup(
            writer: .here(CRMWriteRunner(store: db, ghl: client, sourceID: info.id)), customerID: customerID,
            contact: contact, store: db)
    }

    /// The customer the options name and its linked contact, or the line that says why there is none.
    private static func found(_ options: CRMWriteOptions, in db: BillingStore) throws
        -> (SourceInfo, String, CRMContact)
    {
        let (info, found) = try LinkCommand.customer(options.customer, source: options.source, store: db)
        let customerID = found.value.id
        let link = try db.crmLink(sourceID: info.id, customerID: customerID) ?? CRMLink.none
        guard let contactID = link.contactID, let contact = try db.crmContact(id: contactID) else {
            throw CommandFailure(
                "customer \(TextSanitizer.clean(customerID)) has no CRM contact (\(link.summary)); link one with "
                    + "`billtop link \(TextSanitizer.clean(customerID)) CONTACT` after `billtop sync --ghl URL --location ID`"
            )
        }
        return (info, customerID, contact)
    }

    /// Asks on a terminal (or needs `--yes`), performs, prints one line per attempt or JSON; exit 1 unless the
    /// last attempt is done or already done.
    func run(_ write: CRMWrite, options: CRMWriteOptions) async throws {
        let pending: [ActionJournalEntry]
        if case .here(let runner) = writer {
            pending = try await runner.unfinished(contactID: write.contactID)
        } else {
            pending = []  // serve resumes a team's unfinished writes itself
        }
        if !options.yes {
            guard isatty(STDIN_FILENO) == 1, isatty(STDERR_FILENO) == 1 else {
                throw CommandFailure("not a terminal, so no prompt: add --yes to write the \(write.summary)")
            }
            var lines = [
                "About to write the \(write.summary) (\(TextSanitizer.clean(contact.displayName)), customer "
                    + "\(TextSanitizer.clean(customerID)))"
            ]
            if case .serve = writer { lines.append("  billtop serve writes it with the team's GHL token") }
            if !pending.isEmpty { lines.append("  first resuming \(pending.count) unfinished write(s) on it") }
            lines.append("Go ahead? [y/N] ")
            FileHandle.standardError.write(Data(lines.joined(separator: "\n").utf8))
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard answer == "y" || answer == "yes" else { throw CommandFailure("cancelled: nothing was sent") }
        }
        switch writer {
        case .here(let runner):
            let results: [ActionResult]
            do { results = try await runner.perform(write) } catch {
                throw CommandFailure("GHL: \(TextSanitizer.clean(String(describing: error)))")
            }
            if options.json {
                print(ActionExecution.json(results))
            } else {
                for result in results { print(result.line) }
            }
            if results.last?.succeeded != true { throw ExitCode(1) }
        case .serve(let url, let source):
            try await TeamAsk.ask(
                { TeamAction.draft(write, source: $0) }, source: source.name, url: url, wait: options.wait,
                json: options.json)
        }
    }
}
