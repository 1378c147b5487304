import ArgumentParser
import BillingCore
import BillingStore

/// `billtop unlink CUSTOMER`: the customer has no CRM contact, whatever the e-mails say; kept across syncs.
struct UnlinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlink", abstract: "Unlink a billing customer from its CRM contact (kept across syncs).")

    @Argument(help: "The customer's id, e-mail or reference.") var customer: String
    @Option(name: .long, help: "The billing source (default: the store's only source).") var source: String?
    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open(mustExist: true)
        let (info, found) = try LinkCommand.customer(customer, source: source, store: db)
        try db.setCRMLink(sourceID: info.id, customerID: found.value.id, contactID: nil)
        print("customer \(TextSanitizer.clean(found.value.id)) unlinked from the CRM (by hand)")
    }
}
