import BillingCore
import Foundation
import Synchronization

/// Decodes stored dunning alerts (JSON of `DunningAlert`), reusing alerts decoded before whose text is unchanged.
/// The dunning pane reads its first 500 alerts on every load; decoding them was most of the pane's read at 1M
/// customers (about 35 of 43 ms), while a refresh changes only the alerts of the customers it touched. Keyed by
/// the whole text, so an alert that changed in any way is decoded afresh.
public final class DunningAlertReuse: Sendable {
    /// Alerts kept at most (a few loads' worth); past it only the latest call's are kept.
    static let capacity = 2_000
    private let known = Mutex<[String: DunningAlert]>([:])
    /// How many texts were decoded, not reused, over this object's life.
    private let decodedCount = Mutex(0)

    public init() {}

    /// How many texts were decoded, not reused, so far (for tests and the benchmark).
    public var decoded: Int { decodedCount.withLock { $0 } }

    /// The alerts of `texts`, in order.
    func decode(_ texts: [String]) throws -> [DunningAlert] {
        let before = known.withLock { $0 }
        let decoder = JSONDecoder()
        var mine: [String: DunningAlert] = [:]
        var fresh = 0
        let alerts = try texts.map { text in
            if let alert = before[text] ?? mine[text] {
                mine[text] = alert
                return alert
            }
            fresh += 1
            let alert = try decoder.decode(DunningAlert.self, from: Data(text.utf8))
            mine[text] = alert
            return alert
        }
        decodedCount.withLock { $0 += fresh }
        known.withLock { map in
            if map.count + fresh > Self.capacity { map = [:] }
            map.merge(mine) { _, new in new }
        }
        return alerts
    }
}
