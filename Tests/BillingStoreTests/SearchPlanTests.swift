import BillingCore
import BillingStore
import Foundation
import GRDB
import Testing

/// `searchCustomers` reads long prefix words through the 3-character prefix index and checks the rows itself;
/// it must return exactly what asking FTS5 the full query returns (the query of session 2, run here).
struct SearchPlanTests {
    static let reference = """
        SELECT * FROM customer WHERE deleted_at IS NULL AND id IN
            (SELECT rowid FROM customer_fts WHERE customer_fts MATCH ? LIMIT ?)
        UNION
        SELECT c.* FROM customer c JOIN invoice i
            ON i.source_id = c.source_id AND i.customer_remote_id = c.remote_id
        WHERE c.deleted_at IS NULL AND i.id IN
            (SELECT rowid FROM invoice_fts WHERE invoice_fts MATCH ? LIMIT ?)
        ORDER BY sort_name, id LIMIT ?
        """

    @Test func longPrefixWordsFindWhatTheIndexFinds() throws {
        let (store, source) = try StoreFixtures.openStore()
        defer { try? FileManager.default.removeItem(atPath: (store.path as NSString).deletingLastPathComponent) }
        typealias F = StoreFixtures
        var page = PageWrite(sourceID: source.id, stream: "customers")
        let odd = [
            ("José", "Ñúñez"), ("Custódio", "Lima"), ("Zoë", "Customer"), ("Cust", "Omer"), ("Customs", "Office"),
        ]
        for n in 1...400 {
            let (first, last) = n % 7 == 0 ? odd[n % odd.count] : ("Customer", "\(n)")
            page.customers.append(F.customer(n, first: first, last: last, email: "c\(n)@example.com"))
        }
        page.invoices = (1...300).map { n in
            F.invoice("INV-\(1000 + n)", customer: n, status: .paid, due: 0, dueDate: "2026-03-01", issue: "2026-02-15")
        }
        page.tombstones = [Tombstone(table: .customer, remoteID: "3", at: 1_700_000_000)]
        try store.apply(page)
        for query in [
            "cust", "custo", "customer", "customer 1", "customer 12", "custó", "customs", "exam", "example", "c12",
            "inv", "inv 1002", "1002", "10", "omer", "zoë cust", "cusp", "c", "ref-12",
        ] {
            for limit in [50, 5] {
                let mine = try store.searchCustomers(query: query, limit: limit).map(\.value.id)
                let match = try #require(
                    query.split { !($0.isLetter || $0.isNumber) }.map { "\"\($0)\"*" }.joined(separator: " ") as String?
                )
                let theirs = try store.pool.read { db in
                    try String.fetchAll(
                        db, sql: "SELECT remote_id FROM (\(Self.reference))",
                        arguments: [match, limit, match, limit, limit])
                }
                #expect(mine == theirs, "'\(query)' limit \(limit)")
            }
        }
        #expect(try store.searchCustomers(query: "customer", limit: 50).count >= 45)
    }
}
