import BillingCore
import BillingStore
import Foundation
import Testing

/// A store that dropped much keeps its size until compacted: a team copy that forgot its invoices' JSON (the
/// case `billtop store compact` was made for) gives the space back, and every record stays.
struct StoreCompactionTests {
    typealias F = StoreFixtures

    @Test func aCopyThatForgotItsJSONShrinksAndKeepsEveryInvoice() throws {
        let (store, source) = try F.openStore()
        let padding = String(repeating: "x", count: 5_000)
        var invoices: [Incoming<Invoice>] = []
        for n in 0..<4_000 {
            var item = F.invoice(
                "inv_\(n)", customer: n % 50, status: .open, due: 10_000, dueDate: "2026-07-01", issue: "2026-06-01")
            item.raw = "{\"uid\":\"inv_\(n)\",\"pad\":\"\(padding)\"}"
            invoices.append(item)
        }
        try store.apply(PageWrite(sourceID: source.id, stream: "invoices", invoices: invoices))
        let full = try store.space()
        #expect(full.bytes > 20 << 20, "\(full)")

        try store.forgetCopiedJSON()
        let forgotten = try store.space()
        #expect(forgotten.bytes == full.bytes, "the file keeps its size: \(forgotten)")
        #expect(forgotten.freeBytes > 16 << 20, "\(forgotten)")
        #expect(forgotten.worthCompacting)

        try store.compact()
        let compacted = try store.space()
        #expect(compacted.freePages == 0, "\(compacted)")
        #expect(compacted.bytes < full.bytes / 4, "\(full) -> \(compacted)")
        #expect(!compacted.worthCompacting)
        let onDisk = try FileManager.default.attributesOfItem(atPath: store.path)[.size] as? Int64
        #expect(onDisk == compacted.bytes, "the file itself shrank")
        let wal = try FileManager.default.attributesOfItem(atPath: store.path + "-wal")[.size] as? Int64
        #expect((wal ?? 0) == 0, "the log the rewrite filled is emptied")
        #expect(try store.allInvoices(sourceID: source.id).count == 4_000)
    }

    @Test func littleFreeIsNotWorthCompacting() {
        #expect(!StoreSpace(pageSize: 4096, pages: 100_000, freePages: 5_000).worthCompacting)  // 5%
        #expect(!StoreSpace(pageSize: 4096, pages: 2_000, freePages: 1_000).worthCompacting)  // 4 MB
        #expect(StoreSpace(pageSize: 4096, pages: 100_000, freePages: 10_000).worthCompacting)
        #expect(StoreSpace(pageSize: 4096, pages: 100, freePages: 0).neededToCompact == 2 * 409_600 + (64 << 20))
    }
}

extension StoreCompactionTests {
    /// How `store compact` and `status` write sizes: mebibytes to a tenth, grouped; gibibytes from 10 GB.
    @Test func sizesReadAsPeopleWriteThem() {
        #expect(StoreSpace.describe(0) == "0.0 MB")
        #expect(StoreSpace.describe(748_052_480) == "713.4 MB")
        #expect(StoreSpace.describe(4_634_775_552) == "4,420.1 MB")
        #expect(StoreSpace.describe(8_912_896_000) == "8,500.0 MB")
        #expect(StoreSpace.describe(11 << 30) == "11.0 GB")
        #expect(StoreSpace.describe(-5) == "0.0 MB")
    }
}
