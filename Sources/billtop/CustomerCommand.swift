import ArgumentParser
import BillingCore
import BillingStore

/// `billtop customer ID`: one customer with subscriptions, invoices and payments.
struct CustomerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one customer from the store (the default: `billtop customer ID`).")

    @Argument(help: "The customer's id, email or reference.") var id: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let db = try store.open(mustExist: true)
        let keys = try db.findCustomers(idOrEmail: id)
        guard let key = keys.first, let detail = try db.customer(key) else {
            throw CommandFailure(
                "no customer \(TextSanitizer.clean(id)) in the store; try `billtop customers \(TextSanitizer.clean(id))`"
            )
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
}
