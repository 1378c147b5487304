import Synchronization

/// Remembers the matching record positions of recent filtered listings, keyed by resource, filters and
/// company version, so paging through a filtered listing scans the records once instead of per page.
final class ListingCache: Sendable {
    private struct Entry {
        var key: String
        var positions: [Int]
    }

    private let entries = Mutex<[Entry]>([])
    private let capacity = 32

    /// The cached positions for `key`, or the result of `compute` (then cached).
    func positions(key: String, compute: () -> [Int]) -> [Int] {
        if let hit = entries.withLock({ list in list.first { $0.key == key }?.positions }) { return hit }
        let value = compute()
        entries.withLock { list in
            list.removeAll { $0.key == key }
            list.append(Entry(key: key, positions: value))
            if list.count > capacity { list.removeFirst(list.count - capacity) }
        }
        return value
    }
}
