import ArgumentParser
import BillingActions
import BillingCore
import BillingStore

/// `billtop unlink CUSTOMER`: the customer has no CRM contact, whatever the e-mails say; kept across syncs. On a
/// team store, a request that billtop serve carries out.
struct UnlinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlink", abstract: "Unlink a billing customer from its CRM contact (kept across syncs).")

    @Argument(help: "The customer's id, e-mail or reference.") var customer: String
    @Option(name: .long, help: "The billing source (default: the store's only source).") var source: String?
    @Option(name: .long, help: "On a team (PostgreSQL) store: seconds to wait for billtop serve's answer.")
    var wait = 30
    @OptionGroup var store: StoreOptions

    func run() async throws {
        if case .postgres(let url, _) = try store.choice() {
            let copy = try await store.openForReading()
            let (info, found) = try LinkCommand.customer(customer, source: source, store: copy)
            let unlink = CRMLinkRequest(customerID: found.value.id, contact: "")
            try await TeamAsk.ask(
                { TeamAction.draft(unlink, source: $0) }, source: info.name, url: url, wait: wait, json: false)
            return
        }
        let db = try store.open(mustExist: true)
        let (info, found) = try LinkCommand.customer(customer, source: source, store: db)
        try db.setCRMLink(sourceID: info.id, customerID: found.value.id, contactID: nil)
        print("customer \(TextSanitizer.clean(found.value.id)) unlinked from the CRM (by hand)")
    }
}
