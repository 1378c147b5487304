import Foundation
import Synchronization

/// Where the syncers' wall time went, summed over every stream of every run (for `billtop bench sync`):
/// waiting for a page (request, server, decoding, mapping) versus committing pages to the store.
/// Streams overlap, so the sums can exceed the run's wall time.
public final class SyncTimings: Sendable {
    /// A copy of the sums.
    public struct Totals: Sendable, Equatable {
        /// Seconds the syncers waited for pages to arrive and decode.
        public var fetchWait: Double = 0
        /// Seconds spent committing pages (rows, children, search index, checkpoint).
        public var write: Double = 0
        /// Pages committed.
        public var pages: Int = 0
    }

    private let totals = Mutex(Totals())

    public init() {}

    /// The sums so far.
    public var current: Totals { totals.withLock { $0 } }

    func addFetchWait(_ seconds: Double) { totals.withLock { $0.fetchWait += seconds } }

    func addWrite(_ seconds: Double) {
        totals.withLock {
            $0.write += seconds
            $0.pages += 1
        }
    }

    /// Monotonic seconds, for measuring spans (the sync clock may be manual in tests and benchmarks).
    static func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1_000_000_000 }
}
