import BillingCore
import BillingStore
import Foundation
import TUIKit
import Testing

@testable import BilltopApp

/// An invoice amount the source sent in a form billtop could not read (`InvoiceAmounts`) is zero in its
/// field; the dashboard shows it as "unreadable" in the invoices pane, the customer screen and the CSV
/// export, never as 0.00 or "—", and the invoice stays overdue.
struct UnreadableAmountTests {
    static func data() -> InMemoryDashboardData {
        var invoice = Fixtures.invoice(
            "INV-9", "1001", .open, Fixtures.m("0", .usd), issued: "2026-05-01", dueOn: "2026-05-15")
        invoice.unreadable = [.total, .due]
        let spec = Fixtures.Spec(
            id: "1001", customer: Customer(id: "1001", firstName: "Jane", lastName: "Doe", email: "jane@acme.io"),
            state: .active, price: Fixtures.m("100", .usd), invoices: [invoice])
        return InMemoryDashboardData(
            accounts: [Fixtures.account(spec)], invoices: [Fixtures.key("1001"): [invoice]], mrr: Fixtures.mrr,
            sync: Fixtures.sync, asOf: Fixtures.today)
    }

    @Test func theInvoicesPaneAndTheCustomerScreenSayUnreadable() throws {
        let h = try Harness(width: 120, height: 40, data: Self.data())
        try h.press(.char("2"))
        let pane = h.text
        // The invoices pane's part of the line (the customers pane beside it shows "$100.00").
        let row =
            pane.split(separator: "\n").first { $0.contains("INV-9") }.map {
                String($0[$0.range(of: "INV-9")!.lowerBound...])
            } ?? ""
        #expect(row.components(separatedBy: "unreadable").count == 3, "total and due: \(row)")
        #expect(!row.contains("0.00") && row.contains("36d overdue"), "\(row)")
        try h.press(.char("1"), .enter)
        let screen = h.text
        let line = screen.split(separator: "\n").first { $0.contains("INV-9") }.map(String.init) ?? ""
        #expect(
            line.components(separatedBy: "unreadable").count == 3 && !line.contains("0.00"), "customer screen: \(line)")
    }

    /// Through the store: the invoices page counts the unreadable due apart from the totals, its row carries
    /// the marker, and the dunning pane's alert names the invoice.
    @Test func theStoreBackedPanesCountAndNameTheUnreadableDue() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "billtop-unreadable-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try BillingStore.open(path: directory.appendingPathComponent("store.sqlite").path)
        let source = try store.registerSource(name: "acme", kind: "chargify", baseURL: "http://127.0.0.1:1")
        let customer = { (id: String) in
            Incoming(value: Customer(id: id, firstName: "C", lastName: id, email: "\(id)@x.test"), raw: "{}")
        }
        var unreadable = Invoice(
            id: "inv_u", number: "U-1", customerID: "1", status: .open, currency: .usd,
            issueDate: Fixtures.d("2026-05-01"),
            dueDate: Fixtures.d("2026-05-15"), total: .zero(.usd), due: .zero(.usd))
        unreadable.unreadable = [.total, .due]
        let readable = Invoice(
            id: "inv_r", number: "R-1", customerID: "2", status: .open, currency: .usd,
            issueDate: Fixtures.d("2026-05-01"),
            dueDate: Fixtures.d("2026-05-15"), total: Fixtures.m("25", .usd), due: Fixtures.m("25", .usd))
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "invoices", customers: [customer("1"), customer("2")],
                invoices: [
                    Incoming(
                        value: unreadable, raw: "{}", flags: ["due_amount: 1e400 is more than billtop can hold in USD"]),
                    Incoming(value: readable, raw: "{}"),
                ]))
        let data = StoreDashboardData(store: store)
        try data.refresh(asOf: Fixtures.today)
        let page = try data.invoices(InvoiceQuery(asOf: Fixtures.today), offset: 0, limit: 10)
        #expect(page.unreadableDue == 1 && page.dueTotals[.usd] == Fixtures.m("25", .usd))
        let row = try #require(page.page.rows.compactMap { $0 }.first { $0.id == "inv_u" })
        #expect(row.dueText == "unreadable" && row.totalText == "unreadable" && row.isOverdue)
        let alert = try #require(
            try data.dunning(asOf: Fixtures.today, limit: 10).alerts.first { $0.customer.id == "1" })
        #expect(alert.unreadableDue == ["U-1"])
        #expect(
            DunningPaneView.dueText(alert, width: 10) == "unreadable"
                && DunningPaneView.notes(alert).contains("due unreadable: #U-1"))
    }

    @Test func theInvoicesPaneTotalsNameTheUnreadableDue() throws {
        let h = try Harness(width: 120, height: 40, data: Self.data())
        try h.press(.char("2"))
        let text = h.text
        #expect(text.contains("due — + 1 unreadable"), "\(text)")
    }

    @Test func theExportSaysUnreadable() throws {
        let data = Self.data()
        let table = try ExportTable.make(.invoices(InvoiceQuery(asOf: Fixtures.today)), from: data)
        let row = try #require(table.rows.first { $0.first == "INV-9" })
        #expect(row.contains("unreadable") && !row.contains("0.00"), "\(row)")
    }
}
