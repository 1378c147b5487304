import BillingCore
import BillingStore
import Foundation
import GRDB
import Testing

/// A complete listing records only the ids of rows that existed before it began (`SeenRule`, migration
/// `v4-store-seen-floor`): its own inserts are above the listing's seen floor and cannot be stale.
@Suite struct SeenFloorTests {
    func customers(_ ids: [Int]) -> [Incoming<Customer>] {
        ids.map { StoreFixtures.customer($0, first: "C\($0)", last: "L", email: "c\($0)@x.io") }
    }

    func seenIDs(_ store: BillingStore, _ stream: String) throws -> [String] {
        try store.pool.read {
            try String.fetchAll(
                $0, sql: "SELECT remote_id FROM sync_seen WHERE stream = ? ORDER BY remote_id", arguments: [stream])
        }
    }

    func live(_ store: BillingStore, _ source: SourceInfo) throws -> [String] {
        try store.allCustomers(sourceID: source.id).map(\.value.id).sorted()
    }

    /// Commits one page of a complete customers listing whose state carries `floor`.
    func listed(_ store: BillingStore, _ source: SourceInfo, _ ids: [Int], floor: Int64?, page: Int) throws {
        let state = StreamState(phase: .running, runStartedAt: 1, page: page + 1, fullListing: true, seenFloor: floor)
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "customers", customers: customers(ids), checkpoint: state,
                recordSeen: true,
                seenFloor: floor))
    }

    func complete(_ store: BillingStore, _ source: SourceInfo, floor: Int64?) throws -> Int {
        let state = StreamState(phase: .idle, runStartedAt: 1, fullListing: true, seenFloor: floor)
        return try store.reconcile(sourceID: source.id, stream: "customers", table: .customer, at: 9, state: state)
    }

    @Test func aFirstListingWritesNoSeenIDsAndTombstonesNothing() throws {
        let (store, source) = try StoreFixtures.openStore()
        let floor = try store.beginCompleteListing(sourceID: source.id, stream: "customers", table: .customer)
        #expect(floor == 0)
        try listed(store, source, [1, 2], floor: floor, page: 1)
        try listed(store, source, [3], floor: floor, page: 2)
        #expect(try seenIDs(store, "customers").isEmpty)
        #expect(try complete(store, source, floor: floor) == 0)
        #expect(try live(store, source) == ["1", "2", "3"])
        #expect(try store.streamState(sourceID: source.id, stream: "customers").seenFloor == nil)
    }

    @Test func aResumedFirstListingCountsItsEarlierPagesAsSeen() throws {
        let (store, source) = try StoreFixtures.openStore()
        let floor = try store.beginCompleteListing(sourceID: source.id, stream: "customers", table: .customer)
        try listed(store, source, [1, 2], floor: floor, page: 1)
        // The process dies here; the next run resumes from the saved state, with the saved floor.
        let resumed = try store.streamState(sourceID: source.id, stream: "customers")
        #expect(resumed.seenFloor == floor)
        try listed(store, source, [2, 3], floor: resumed.seenFloor, page: 2)  // page 2 repeats record 2
        // The unchanged repeat returns no row id, so it is recorded (harmless); the new row 3 is not.
        #expect(try seenIDs(store, "customers") == ["2"])
        #expect(try complete(store, source, floor: resumed.seenFloor) == 0)
        #expect(try live(store, source) == ["1", "2", "3"])
    }

    @Test func aFullListingOfAPopulatedStoreStillReconcilesExactly() throws {
        let (store, source) = try StoreFixtures.openStore()
        // Another source's rows come first and change nothing: the floor only separates old rows from new.
        let other = try store.registerSource(name: "globex", kind: "chargify", baseURL: "http://127.0.0.1:2")
        try store.apply(PageWrite(sourceID: other.id, stream: "customers", customers: customers([1, 2])))
        try store.apply(PageWrite(sourceID: source.id, stream: "customers", customers: customers([1, 2, 3, 4])))
        let floor = try store.beginCompleteListing(sourceID: source.id, stream: "customers", table: .customer)
        var changed = customers([4])  // the row at the floor itself
        changed[0].value.email = "new@x.io"
        try listed(store, source, [1, 5], floor: floor, page: 1)  // 1 unchanged (upsert returns no id), 5 new
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "customers", customers: changed, recordSeen: true, seenFloor: floor))
        #expect(try seenIDs(store, "customers") == ["1", "4"])  // the old rows listed; not the new 5
        #expect(try complete(store, source, floor: floor) == 2)  // 2 and 3 were not listed
        #expect(try live(store, source) == ["1", "4", "5"])
        #expect(try store.allCustomers(sourceID: other.id).count == 2)
        #expect(try seenIDs(store, "customers").isEmpty)
    }

    @Test func aPageOfAnotherTableIsRecordedAsBefore() throws {
        // The floor belongs to the stream's own table: an invoices page's customers are all recorded.
        let (store, source) = try StoreFixtures.openStore()
        let floor = try store.beginCompleteListing(sourceID: source.id, stream: "invoices", table: .invoice)
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "invoices", customers: customers([1]),
                invoices: [
                    StoreFixtures.invoice(
                        "inv_1", customer: 1, status: .paid, due: 0, dueDate: "2026-01-01", issue: "2026-01-01")
                ],
                recordSeen: true, seenFloor: floor))
        #expect(try seenIDs(store, "invoices") == ["1"])
    }

    @Test func aListingBegunBeforeTheUpgradeKeepsRecordingEveryID() throws {
        let (path, old, source) = try StoreFixtures.olderStore(before: "v4-store-seen-floor")
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let all = StoreMigrations.all.map(\.name)
        try StoreFixtures.applyToOlderStore(
            old, PageWrite(sourceID: source.id, stream: "customers", customers: customers([1, 2, 3])))
        try old.pool.write { db in
            // What the previous version saved when its `--full` listing had committed one page (no seen_floor).
            try db.execute(
                sql: """
                    INSERT INTO sync_state (source_id, stream, phase, run_started_at, page, full_listing, updated_at)
                    VALUES (?, 'customers', 'running', 1, 2, 1, 1);
                    INSERT INTO sync_seen (source_id, stream, remote_id) VALUES (?, 'customers', '1');
                    """, arguments: [source.id, source.id])
        }
        let store = try BillingStore.open(path: path)
        #expect(try store.appliedMigrations() == all)
        let resumed = try store.streamState(sourceID: source.id, stream: "customers")
        #expect(resumed.fullListing && resumed.seenFloor == nil)
        try listed(store, source, [3, 4], floor: resumed.seenFloor, page: 2)
        #expect(try seenIDs(store, "customers") == ["1", "3", "4"])
        #expect(try complete(store, source, floor: nil) == 1)  // 2
        #expect(try live(store, source) == ["1", "3", "4"])
    }
}
