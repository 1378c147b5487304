import ArgumentParser
import BillingCore
import BillingStore
import BilltopApp
import Foundation

/// `billtop customer ID`: one customer with subscriptions, invoices and payments.
struct CustomerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one customer from the store (the default: `billtop customer ID`).")

    @Argument(help: "The customer's id, email or reference.") var id: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "One line to paste into a ticket: name, plans, standing, MRR and overdue per currency.")
    var oneline = false

    func validate() throws {
        if oneline && (output.json || output.csv) { throw ValidationError("--oneline is text; drop --json or --csv") }
    }

    func run() async throws {
        let db = try await store.openForReading()
        let keys = try db.findCustomers(idOrEmail: id)
        guard let key = keys.first, let detail = try db.customer(key) else {
            throw CommandFailure(
                "no customer \(TextSanitizer.clean(id)) in the store; try `billtop customers \(TextSanitizer.clean(id))`"
            )
        }
        if oneline {
            print(try summary(db, key))
            return
        }
        let c = detail.customer.value
        var rows: [[String]] = [
            [
                "customer", c.id, c.displayName, c.email, c.organization,
                detail.customer.deletedAt == nil ? "" : "deleted",
            ]
        ]
        for s in detail.subscriptions.map(\.value) {
            rows.append([
                "subscription", s.id, s.productName, s.state.apiValue, MoneyFormatter.format(s.productPrice),
                s.interval.description,
            ])
        }
        for i in detail.invoices.map(\.value) {
            let amount = { (money: Money, which: InvoiceAmounts) in
                i.unreadable.contains(which) ? InvoiceAmounts.marker : MoneyFormatter.format(money)
            }
            rows.append([
                "invoice", i.number, i.issueDate?.description ?? "", i.status.apiValue, amount(i.total, .total),
                "due " + amount(i.due, .due),
            ])
            for p in i.payments {
                rows.append([
                    "payment", p.id, p.transactionTime?.utcDate.description ?? "", p.method,
                    MoneyFormatter.format(p.appliedAmount), "",
                ])
            }
        }
        if keys.count > 1 { rows.append(["note", "", "\(keys.count) customers match; showing the first", "", "", ""]) }
        print(
            ReadOutput(headers: ["kind", "id", "name/product/date", "email/state", "amount/org", "detail"], rows: rows)
                .render(output), terminator: "")
    }

    /// The customer as the dashboard's customer screen sees it (live records, MRR with the config's settings).
    func summary(_ db: BillingStore, _ key: RecordKey) throws -> String {
        guard let source = try db.sources().first(where: { $0.id == key.sourceID }) else {
            throw CommandFailure("the store names no source \(key.sourceID) for customer \(TextSanitizer.clean(id))")
        }
        let today = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).utcDate
        let data = StoreDashboardData(store: db, settings: try MetricsCommandSupport.settings())
        guard let profile = try data.customer(CustomerKey(source: source.name, id: key.remoteID), asOf: today) else {
            throw CommandFailure("customer \(TextSanitizer.clean(id)) was deleted at the source")
        }
        return CustomerSummaryLine.make(profile)
    }
}
