import BillingCore
import Foundation
import GRDB
import Testing

@testable import BillingStore

/// `dash_customer_initial`: the initials of a customer's words (`CustomerInitials`), kept by the page writer in
/// the name order, and filled for every customer of a store upgraded by `v14-customer-initials`.
@Suite struct CustomerInitialsTests {
    @Test func asciiWordsGiveTheirFirstCharacterAndFirstTwoOnce() {
        #expect(
            CustomerInitials.of(["Customer", "7", "c7@example.com", "Org 6", nil, "7"])
                == ["6", "7", "c", "c7", "co", "cu", "e", "ex", "o", "or"])
        #expect(CustomerInitials.of(["ann-marie O'Neil", "x_y"]) == ["a", "an", "m", "ma", "n", "ne", "o", "x", "y"])
        #expect(
            CustomerInitials.of(["Evil\u{1B}[31m", "Corp"]) == ["3", "31", "c", "co", "e", "ev"], "an escape separates")
        #expect(CustomerInitials.of(["  ", "", nil]) == [])
    }

    @Test func aNonASCIITextLeavesTheCustomerUndecided() {
        // The index folds and splits above ASCII by its own tables: every walk tests such a customer.
        #expect(CustomerInitials.of(["Zoë", "Adams"]) == [CustomerInitials.unsure])
        #expect(CustomerInitials.of(["Bob", "Stone", "bob@café.fr"]) == [CustomerInitials.unsure])
        #expect(CustomerInitials.of(["太郎"]) == [CustomerInitials.unsure])
    }

    @Test func aWordsListIsItsFirstTwoCharactersLowerCased() {
        #expect(CustomerInitials.of(word: Array("Org".utf8)) == "or")
        #expect(CustomerInitials.of(word: Array("7".utf8)) == "7")
        #expect(CustomerInitials.of(word: Array("88".utf8)) == "88")
        #expect(CustomerInitials.of(word: []) == nil)
    }

    /// The rows as the rule gives them for every live customer, against what the store holds.
    static func expectAgrees(_ store: BillingStore, _ note: Comment) throws {
        try store.pool.read { db in
            var expected: [String] = []
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT r.customer_id, r.sort_name, r.remote_id, c.first_name, c.last_name, c.email, c.organization,
                        c.reference FROM dash_customer_row r JOIN customer c ON c.id = r.customer_id
                    """)
            {
                let remoteID: String = row[2]
                let sortName: String = row[1]
                let id: Int64 = row[0]
                for initial in CustomerInitials.of([row[3], row[4], row[5], row[6], row[7], remoteID]) {
                    expected.append("\(initial) \(sortName) \(remoteID) \(id)")
                }
            }
            let stored = try String.fetchAll(
                db,
                sql: """
                    SELECT p.initial || ' ' || p.sort_name || ' ' || p.remote_id || ' ' || p.customer_id
                    FROM dash_customer_initial p JOIN dash_customer_row r ON r.customer_id = p.customer_id
                    """)
            #expect(stored.sorted() == expected.sorted(), note)
            let orphans = try Int.fetchOne(
                db,
                sql: "SELECT count(*) FROM dash_customer_initial WHERE customer_id NOT IN (SELECT id FROM customer)")
            #expect(orphans == 0, note)
            let counted = try Row.fetchAll(
                db, sql: "SELECT initial, rows FROM dash_customer_initial_count WHERE rows <> 0"
            )
            .map { "\($0[0] as String) \($0[1] as Int)" }
            let held = try Row.fetchAll(
                db, sql: "SELECT initial, count(*) FROM dash_customer_initial GROUP BY initial"
            ).map { "\($0[0] as String) \($0[1] as Int)" }
            #expect(counted.sorted() == held.sorted(), note)
        }
    }

    @Test func theWriterKeepsThemAsCustomersAreWrittenRenamedAndDeleted() throws {
        let (store, source) = try StoreFixtures.openStore()
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "customers",
                customers: [
                    StoreFixtures.customer(1, first: "Ava", last: "Stone", email: "ava@rocket.de", org: "Rocket 7"),
                    StoreFixtures.customer(2, first: "Zoë", last: "Adams", email: "zoe@x.io"),
                    StoreFixtures.customer(3, first: "Bob", last: "Kerr", email: "bob@x.io"),
                ]))
        try Self.expectAgrees(store, "after the first page")
        // Renamed: the name order's key and the initials move with it.
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "customers",
                customers: [StoreFixtures.customer(1, first: "Quinn", last: "Ward", email: "quinn@q.io")]))
        try Self.expectAgrees(store, "after a rename")
        let quinn = try store.pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT initial FROM dash_customer_initial WHERE remote_id = '1' ORDER BY initial")
        }
        #expect(quinn == ["1", "i", "io", "q", "qu", "r", "re", "w", "wa"])
        // Deleted outright (what removing a source does): its rows go with it, so a reused id finds none.
        try store.pool.write { db in try db.execute(sql: "DELETE FROM customer WHERE remote_id = '3'") }
        try Self.expectAgrees(store, "after a delete")
    }

    @Test func anUpgradedStoreGetsEveryCustomersInitials() throws {
        let (path, store, source) = try StoreFixtures.olderStore(before: CustomerInitialTables.name)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try StoreFixtures.withTodaysColumns(store) {
            try store.apply(
                PageWrite(
                    sourceID: source.id, stream: "customers",
                    customers: (1...40).map {
                        StoreFixtures.customer($0, first: "Customer", last: "\($0)", email: "c\($0)@x.io")
                    }
                        + [StoreFixtures.customer(41, first: "Émilie", last: "Morel", email: "emilie@x.io")]))
        }
        let before = try store.pool.read { db in try db.tableExists("dash_customer_initial") }
        #expect(!before, "the lent table is taken back")
        // The upgrade says so once, before it starts (it rewrites every customer).
        var said: [String] = []
        let upgraded = try BillingStore.open(path: path, upgrading: { said.append($0) })
        #expect(said.count == 1 && said.first?.hasPrefix("upgrading the store at \(path)") == true, "\(said)")
        _ = try BillingStore.open(path: path, upgrading: { said.append($0) })
        _ = try BillingStore.open(path: StoreFixtures.temporaryPath(), upgrading: { said.append($0) })
        #expect(said.count == 1, "an upgraded store and a new one say nothing")
        try Self.expectAgrees(upgraded, "after the upgrade")
        let rows = try upgraded.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM dash_customer_initial")
        }
        #expect(rows ?? 0 > 41)
    }
}
