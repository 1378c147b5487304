import ArgumentParser
import BillingActions
import BillingCore
import BillingStore
import Foundation

/// `billtop link CUSTOMER CONTACT`: ties a billing customer to a CRM contact by hand; kept in the store and
/// stronger than the reference and e-mail rules, so syncs never undo it. On a team store it is a request that
/// billtop serve carries out (a viewer may not write the store), and every copy follows it.
struct LinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link", abstract: "Link a billing customer to a CRM contact (kept across syncs).")

    @Argument(help: "The customer's id, e-mail or reference.") var customer: String
    @Argument(help: "The GHL contact id (without it, the customer's link is shown).") var contact: String?
    @Option(name: .long, help: "The billing source (default: the store's only source).") var source: String?
    @Option(name: .long, help: "On a team (PostgreSQL) store: seconds to wait for billtop serve's answer.")
    var wait = 30
    @OptionGroup var store: StoreOptions

    func run() async throws {
        // On a team store the link is read from the caught-up copy and set by serve.
        let team: PostgresStoreURL? = if case .postgres(let url, _) = try store.choice() { url } else { nil }
        let db = try team == nil ? store.open(mustExist: true) : await store.openForReading()
        let (info, found) = try LinkCommand.customer(customer, source: source, store: db)
        if let contact, let team {
            let link = CRMLinkRequest(customerID: found.value.id, contact: contact)
            try await TeamAsk.ask(
                { TeamAction.draft(link, source: $0) }, source: info.name, url: team, wait: wait, json: false)
            return
        }
        guard let contact else {
            let link = try db.crmLink(sourceID: info.id, customerID: found.value.id) ?? CRMLink.none
            print("customer \(TextSanitizer.clean(found.value.id)): \(link.summary)")
            return
        }
        guard try db.crmContact(id: contact) != nil else {
            throw CommandFailure(
                "no contact \(TextSanitizer.clean(contact)) in the store; run `billtop sync --ghl URL --location ID` first"
            )
        }
        try db.setCRMLink(sourceID: info.id, customerID: found.value.id, contactID: contact)
        print(
            "customer \(TextSanitizer.clean(found.value.id)) linked to contact \(TextSanitizer.clean(contact)) (by hand)"
        )
    }

    /// The customer `text` names in the source (the only one when `source` is nil), with one line when not found.
    static func customer(_ text: String, source: String?, store: BillingStore) throws -> (SourceInfo, Stored<Customer>)
    {
        let sources = try store.sources()
        let candidates = source.map { name in sources.filter { $0.name == name } } ?? sources
        guard candidates.count == 1, let info = candidates.first else {
            throw CommandFailure(
                candidates.isEmpty
                    ? "no such billing source in the store; sources: \(sources.map(\.name).joined(separator: ", "))"
                    : "the store has several sources; pass --source (\(sources.map(\.name).joined(separator: ", ")))")
        }
        guard let found = try store.customer(sourceID: info.id, idOrEmail: text) else {
            throw CommandFailure(
                "no single customer \(TextSanitizer.clean(text)) in source \(info.name); "
                    + "try `billtop customers \(TextSanitizer.clean(text))`")
        }
        return (info, found)
    }
}
