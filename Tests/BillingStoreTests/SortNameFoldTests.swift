import BillingCore
import BillingStore
import Foundation
import GRDB
import Testing

/// Names sort with Latin accents left out (`NameSortKey`), in new stores and in stores upgraded by
/// `v13-sort-name-folded`.
@Suite struct SortNameFoldTests {
    static let people = [
        StoreFixtures.customer(1, first: "Zoë", last: "Adams", email: "zoe@x.io"),
        StoreFixtures.customer(2, first: "Ángel", last: "Ruiz", email: "angel@x.io"),
        StoreFixtures.customer(3, first: "Bob", last: "Stone", email: "bob@x.io"),
        StoreFixtures.customer(4, first: "Émilie", last: "Morel", email: "emilie@x.io"),
        StoreFixtures.customer(5, first: "Angela", last: "Smith", email: "angela@x.io"),
        StoreFixtures.customer(6, first: "Øyvind", last: "Lie", email: "oyvind@x.io"),
        // Decomposed, as some servers send it: E followed by U+0301.
        StoreFixtures.customer(7, first: "E\u{301}tienne", last: "Roux", email: "etienne@x.io"),
    ]
    static let expected = ["Ángel", "Angela", "Bob", "Émilie", "E\u{301}tienne", "Øyvind", "Zoë"]

    static func nameOrder(_ store: BillingStore) throws -> [String] {
        let rows = CustomerRows(store: store)
        let page = try rows.page(CustomerListQuery(), offset: 0, limit: 20, cap: CustomerRows.cap, known: nil)
        return page.rows.map(\.customer.firstName)
    }

    @Test func aNewStoreSortsAccentedNamesAmongTheirLetters() throws {
        let (store, source) = try StoreFixtures.openStore()
        try store.apply(PageWrite(sourceID: source.id, stream: "customers", customers: Self.people))
        #expect(try Self.nameOrder(store) == Self.expected)
        let listed = try store.customers(sourceID: source.id).items.map(\.value.firstName)
        #expect(listed == Self.expected, "the command line's list orders as the pane does")
    }

    @Test func anUpgradedStoreRefoldsTheKeysItHeld() throws {
        let (path, store, source) = try StoreFixtures.olderStore(before: "v13-sort-name-folded")
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try StoreFixtures.withTodaysColumns(store) {
            try store.apply(PageWrite(sourceID: source.id, stream: "customers", customers: Self.people))
        }
        // What the writer stored before the fold: the plain lower-case name.
        try store.pool.write { db in
            for person in Self.people {
                try db.execute(
                    sql: "UPDATE customer SET sort_name = ? WHERE remote_id = ?",
                    arguments: [person.value.displayName.lowercased(), person.value.id])
            }
        }
        #expect(try Self.nameOrder(store) == ["Angela", "Bob", "E\u{301}tienne", "Zoë", "Ángel", "Émilie", "Øyvind"])

        let upgraded = try BillingStore.open(path: path)
        #expect(try Self.nameOrder(upgraded) == Self.expected)
        let keys = try upgraded.pool.read { db in
            try String.fetchAll(db, sql: "SELECT sort_name FROM customer ORDER BY sort_name")
        }
        #expect(keys == Self.people.map { NameSortKey.of($0.value.displayName) }.sorted())
    }
}
