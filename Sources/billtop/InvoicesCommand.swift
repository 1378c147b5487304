import ArgumentParser
import BillingCore
import BillingStore
import Foundation

/// `billtop invoices`: open and overdue first, filtered by status, customer and issue date.
struct InvoicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "invoices", abstract: "List invoices from the store.")

    @Option(help: "Only this status (repeat or comma-separate: open,paid,...).") var status: [String] = []
    @Flag(help: "Only invoices overdue today (or on --as-of).") var overdue = false
    @Option(help: "Only this customer's invoices (id, email or reference).") var customer: String?
    @Option(help: "Only invoices issued on or after this date (YYYY-MM-DD).") var since: String?
    @Option(name: .customLong("as-of"), help: "The date overdue is judged on (YYYY-MM-DD; default today, UTC).")
    var asOf: String?
    @Option(help: "Most rows to print.") var limit = 200
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let db = try await store.openForReading()
        var filter = InvoiceFilter()
        filter.statuses = Set(status.flatMap { $0.split(separator: ",") }.map { InvoiceStatus(apiValue: String($0)) })
        let today =
            try date(asOf, name: "--as-of") ?? Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).utcDate
        if overdue { filter.overdueOn = today }
        filter.issuedFrom = try date(since, name: "--since")
        if let customer {
            guard let key = try db.findCustomers(idOrEmail: customer).first else {
                throw CommandFailure("no customer \(TextSanitizer.clean(customer)) in the store")
            }
            filter.customer = key
        }
        let sources = Dictionary(uniqueKeysWithValues: try db.sources().map { ($0.id, $0.name) })
        let page = try db.invoices(filter: filter, limit: limit)
        let machine = output.json || output.csv
        let rows = page.items.map { stored -> [String] in
            let i = stored.value
            let late = i.daysOverdue(on: today)
            // An amount the source sent in a form billtop could not read is zero in the store: never print it as 0.00.
            let amount = { (money: Money, which: InvoiceAmounts) in
                i.unreadable.contains(which)
                    ? InvoiceAmounts.marker : machine ? money.decimalString : MoneyFormatter.format(money)
            }
            return [
                sources[stored.key.sourceID] ?? "", i.number, i.customerID, i.status.apiValue,
                i.issueDate?.description ?? "",
                i.dueDate?.description ?? "", amount(i.total, .total), amount(i.due, .due), i.currency.code,
                late > 0 ? "\(late)" : "",
            ]
        }
        let headers = [
            "source", "number", "customer", "status", "issued", "due_date", "total", "due", "currency", "days_overdue",
        ]
        print(ReadOutput(headers: headers, rows: rows).render(output), terminator: "")
        if !output.json && !output.csv {
            let totals = try db.invoiceTotals(filter: filter).nonZeroAmounts.map { MoneyFormatter.format($0) }
            let count = try db.invoiceCount(filter: filter)
            let unreadable = try db.unreadableDueCount(filter: filter)
            let due =
                (totals.isEmpty && unreadable == 0 ? ["0"] : totals)
                + (unreadable > 0 ? ["\(unreadable) \(InvoiceAmounts.marker)"] : [])
            print(
                "\(count) invoices\(count > rows.count ? " (first \(rows.count) shown)" : ""); due: \(due.joined(separator: " + "))"
            )
        }
    }

    func date(_ text: String?, name: String) throws -> LocalDate? {
        guard let text else { return nil }
        guard let date = LocalDate(iso: text), text.count == 10 else {
            throw ValidationError("\(name) must be a date like 2026-06-01")
        }
        return date
    }
}
