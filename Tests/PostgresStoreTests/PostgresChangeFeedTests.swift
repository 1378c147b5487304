import BillingStore
import Synchronization
import Testing

/// The writer's commits reach a listener through NOTIFY (payload: the sequence number only), and a listener that
/// was away catches up from `change_log`. No test sleeps: each step waits for the previous one's effect.
@Suite struct PostgresChangeFeedTests {
    /// The changes a follower was handed, in order.
    final class Seen: Sendable {
        private let batches = Mutex<[[PostgresChange]]>([])
        func add(_ batch: [PostgresChange]) { batches.withLock { $0.append(batch) } }
        var all: [[PostgresChange]] { batches.withLock { $0 } }
    }

    @Test func aCommitWakesTheListenerWithOnlyItsNumber() async throws {
        let url = try await PostgresTestCluster.shared().database("notify")
        let writer = try await PostgresStore.open(url)
        let first = try await writer.recordChange("customers", sourceID: nil, rows: 3)
        let seen = Seen()
        // The first batch can only come from the catch-up read, which runs after LISTEN is in place; the writer's
        // second commit is made from inside it, so the only way the second can arrive is the NOTIFY.
        let last = try await withDeadline(60, "the second commit's notification") {
            try await PostgresChangeFeed.follow(url, after: 0) { batch in
                seen.add(batch)
                if batch.map(\.seq) == [first] {
                    _ = try? await writer.recordChange("invoices", sourceID: nil, rows: 2)
                    return true
                }
                return false
            }
        }
        let batches = seen.all
        #expect(batches.count == 2)
        #expect(batches.last?.map(\.what) == ["invoices"])
        #expect(last == first + 1)
        await writer.close()
    }

    @Test func aListenerThatWasAwayCatchesUpInOrder() async throws {
        let url = try await PostgresTestCluster.shared().database("catchup")
        let writer = try await PostgresStore.open(url)
        let first = try await writer.recordChange("customers", sourceID: nil, rows: 1)
        let stoppedAt = try await withDeadline(60, "the first catch-up") {
            try await PostgresChangeFeed.follow(url, after: 0) { _ in false }
        }
        #expect(stoppedAt == first)
        // Away: three commits nobody hears.
        for what in ["subscriptions", "invoices", "customers"] {
            try await writer.recordChange(what, sourceID: nil, rows: 1)
        }
        let seen = Seen()
        _ = try await withDeadline(60, "the catch-up read") {
            try await PostgresChangeFeed.follow(url, after: stoppedAt) { batch in
                seen.add(batch)
                return false
            }
        }
        #expect(seen.all.first?.map(\.what) == ["subscriptions", "invoices", "customers"])
        #expect(seen.all.first?.map(\.seq) == [first + 1, first + 2, first + 3])
        await writer.close()
    }
}
