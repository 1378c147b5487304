import BillingCore
import BillingStore
import Testing

/// A sync run's writer settings (`BillingStore+SyncWrites`) hold for the run only, and nested runs do not
/// end them early.
@Suite struct SyncWritesTests {
    @Test func aRunGetsTheLargeCacheAndLongWALAndGivesThemBack() throws {
        let (store, _) = try StoreFixtures.openStore()
        let defaults = try store.writerSettings()
        #expect(defaults.cacheSize == -2000)
        #expect(defaults.autocheckpoint == 1000)
        #expect(defaults.walSizeLimit == 67_108_864)

        store.beginSyncWrites()
        let during = try store.writerSettings()
        #expect(during.cacheSize == -65_536)
        #expect(during.autocheckpoint == 65_536)
        // One checkpoint interval of 4 KiB frames: the WAL is overwritten in place, not cut and regrown.
        #expect(during.walSizeLimit == 65_536 * 4_120 + 32)

        store.endSyncWrites()
        let after = try store.writerSettings()
        #expect(after.cacheSize == defaults.cacheSize)
        #expect(after.autocheckpoint == defaults.autocheckpoint)
        #expect(after.walSizeLimit == defaults.walSizeLimit)
    }

    @Test func nestedRunsKeepTheSettingsUntilTheLastEnds() throws {
        let (store, _) = try StoreFixtures.openStore()
        store.beginSyncWrites()
        store.beginSyncWrites()
        store.endSyncWrites()
        #expect(try store.writerSettings().cacheSize == -65_536)
        store.endSyncWrites()
        #expect(try store.writerSettings().cacheSize == -2000)
        // An unmatched end is harmless: the count never goes below zero, so the next run still applies.
        store.endSyncWrites()
        store.beginSyncWrites()
        #expect(try store.writerSettings().autocheckpoint == 65_536)
        store.endSyncWrites()
    }

    @Test func writesDuringARunAreReadableAfterIt() throws {
        let (store, source) = try StoreFixtures.openStore()
        store.beginSyncWrites()
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "customers",
                customers: [StoreFixtures.customer(1, first: "Ada", last: "L", email: "a@x.io")],
                checkpoint: StreamState(phase: .running, runStartedAt: 1, page: 1)))
        store.endSyncWrites()
        #expect(try store.allCustomers(sourceID: source.id).map(\.value.id) == ["1"])
    }
}
