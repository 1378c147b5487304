import BillingCore
import Testing
import TUIKit

@testable import BilltopApp

/// An invoice amount the source sent in a form billtop could not read (`InvoiceAmounts`) is zero in its
/// field; the dashboard shows it as "unreadable" in the invoices pane, the customer screen and the CSV
/// export, never as 0.00 or "—", and the invoice stays overdue.
struct UnreadableAmountTests {
    static func data() -> InMemoryDashboardData {
        var invoice = Fixtures.invoice("INV-9", "1001", .open, Fixtures.m("0", .usd), issued: "2026-05-01", dueOn: "2026-05-15")
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
        let row = pane.split(separator: "\n").first { $0.contains("INV-9") }.map { String($0[$0.range(of: "INV-9")!.lowerBound...]) } ?? ""
        #expect(row.components(separatedBy: "unreadable").count == 3, "total and due: \(row)")
        #expect(!row.contains("0.00") && row.contains("36d overdue"), "\(row)")
        try h.press(.char("1"), .enter)
        let screen = h.text
        let line = screen.split(separator: "\n").first { $0.contains("INV-9") }.map(String.init) ?? ""
        #expect(line.components(separatedBy: "unreadable").count == 3 && !line.contains("0.00"), "customer screen: \(line)")
    }

    @Test func theExportSaysUnreadable() throws {
        let data = Self.data()
        let table = try ExportTable.make(.invoices(InvoiceQuery(asOf: Fixtures.today)), from: data)
        let row = try #require(table.rows.first { $0.first == "INV-9" })
        #expect(row.contains("unreadable") && !row.contains("0.00"), "\(row)")
    }
}
