import BillingCore
import Synchronization

/// Remembers the matches of the last invoice query, so scrolling (same query, new offset) costs a slice,
/// and the sorted orders of the invoice list per sort column, computed once per snapshot.
final class InvoiceQueryCache: Sendable {
    struct Matches: Sendable {
        var query: InvoiceQuery
        var indices: [Int]
        var totals: MoneyTotals
        var dueTotals: MoneyTotals
    }

    private let last = Mutex<Matches?>(nil)
    private let orders = Mutex<[InvoiceQuery.Sort: [Int]]>([:])

    func matches(for query: InvoiceQuery, compute: () -> Matches) -> Matches {
        if let hit = last.withLock({ $0 }), hit.query == query { return hit }
        let fresh = compute()
        last.withLock { $0 = fresh }
        return fresh
    }

    func order(_ sort: InvoiceQuery.Sort, compute: () -> [Int]) -> [Int] {
        if let hit = orders.withLock({ $0[sort] }) { return hit }
        let fresh = compute()
        orders.withLock { $0[sort] = fresh }
        return fresh
    }
}
