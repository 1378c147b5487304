import BillingCore
import BillingStore
import BilltopApp
import Foundation
import GRDB
import TestSupport
import Testing

/// The invoices pane's amount sorts use a plain-SQL face value (indexable) that must order exactly as
/// `RowOrder.faceValue` does, and every sort without a customer walks its index instead of sorting.
struct InvoiceSortIndexTests {
    @Test func theIndexedFaceValueIsRowOrdersFaceValue() throws {
        let path = TestScratch.directory("face-value").appendingPathComponent("store.sqlite").path
        let store = try BillingStore.open(path: path)
        let codes = [
            "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF",
            "XOF",
            "XPF", "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND", "USD", "EUR", "GBP", "CHF", "ABC",
        ]
        for code in codes {
            let currency = try #require(Currency(code))
            for minor: Int64 in [0, 1, 7, 1_234, -50, 99_999_999] {
                let sql = try store.pool.read { db in
                    try Int64.fetchOne(
                        db,
                        sql:
                            "SELECT \(SearchTables.faceValue("total_minor")) FROM (SELECT ? AS total_minor, ? AS currency)",
                        arguments: [minor, code])
                }
                #expect(sql == RowOrder.faceValue(Money(minorUnits: minor, currency: currency)), "\(minor) \(code)")
            }
        }
    }

    @Test func sortsWithoutACustomerWalkAnIndex() throws {
        let path = TestScratch.directory("sort-plans").appendingPathComponent("store.sqlite").path
        let store = try BillingStore.open(path: path)
        let from = """
            invoice i INDEXED BY %@ JOIN source src ON src.id = i.source_id
            JOIN customer c ON c.source_id = i.source_id AND c.remote_id = i.customer_remote_id AND c.deleted_at IS NULL
            """
        let sorts: [(String, String)] = [
            ("invoice_search_by_number", "i.number ASC, i.remote_id ASC"),
            ("invoice_search_by_issue", "coalesce(i.issue_date, '9999-12-31') DESC, i.remote_id ASC"),
            ("invoice_search_by_due_date", "coalesce(i.due_date, '9999-12-31') ASC, i.remote_id DESC"),
            ("invoice_search_by_total", "\(SearchTables.faceValue("i.total_minor")) DESC, i.remote_id ASC"),
            ("invoice_search_by_due", "\(SearchTables.faceValue("i.due_minor")) ASC, i.remote_id DESC"),
        ]
        for (index, order) in sorts {
            let plan = try store.pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        EXPLAIN QUERY PLAN SELECT i.remote_id FROM \(from.replacingOccurrences(of: "%@", with: index))
                        WHERE i.deleted_at IS NULL AND i.issue_date BETWEEN '2026-01-01' AND '2026-01-31'
                        ORDER BY \(order) LIMIT 10 OFFSET 0
                        """
                ).map { $0["detail"] as String }.joined(separator: " | ")
            }
            #expect(!plan.contains("TEMP B-TREE"), "\(index): \(plan)")
        }
    }
}
