import Foundation
import Synchronization

/// Where the syncers' wall time went, summed over every stream of every run (for `billtop-bench sync`):
/// waiting for a page (request, server, decoding, mapping) versus committing pages to the store.
/// Streams overlap, so the sums can exceed the run's wall time.
package final class SyncTimings: Sendable {
    /// A copy of the sums.
    package struct Totals: Sendable, Equatable {
        /// Seconds the syncers waited for pages to arrive and decode.
        package var fetchWait: Double = 0
        /// Seconds spent committing pages (rows, children, search index, checkpoint).
        package var write: Double = 0
        /// Pages committed.
        package var pages: Int = 0
    }

    private let totals = Mutex(Totals())

    package init() {}

    /// The sums so far.
    package var current: Totals { totals.withLock { $0 } }

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
