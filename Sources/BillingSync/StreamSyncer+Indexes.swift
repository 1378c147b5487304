import BillingStore
import Foundation

/// When a stream's deferrable indexes are dropped and built again (`BillingStore.deferIndexesForFirstListing`).
extension StreamSyncer {
    /// At a stream's start: a fresh complete listing into an empty table defers them; a resumed complete
    /// listing keeps whatever it deferred; any other run builds what an interrupted listing left deferred,
    /// so an incremental store never goes on without them.
    func deferOrRebuildIndexes(_ stream: StreamKind, freshFullListing: Bool, resumedFullListing: Bool) async throws {
        guard let table = Self.table(for: stream) else { return }
        if freshFullListing {
            let dropped = try await store.deferIndexesForFirstListing(of: table)
            if !dropped.isEmpty {
                try await store.appendLog([
                    entry(stream, .info, "first listing: \(dropped.count) sort indexes are built when it ends")
                ])
            }
        } else if !resumedFullListing {
            try await rebuildIndexes(stream)
        }
    }

    /// Builds the stream's deferred indexes (after its listing ended), logging how long it took.
    func rebuildIndexes(_ stream: StreamKind) async throws {
        guard let table = Self.table(for: stream) else { return }
        let started = SyncTimings.seconds()
        let built = try await store.rebuildDeferredIndexes(of: table)
        guard !built.isEmpty else { return }
        let seconds = String(format: "%.1f", SyncTimings.seconds() - started)
        try await store.appendLog([entry(stream, .info, "built \(built.count) sort indexes in \(seconds) s")])
    }
}
