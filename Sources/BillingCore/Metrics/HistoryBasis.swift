/// Where a stretch of MRR history comes from, best first; every surface labels each month with the weakest
/// basis any of its subscriptions had that month, so no one mistakes an estimate for a fact.
public enum HistoryBasis: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// billtop saw the subscription this way at a sync (dated at the provider's change time).
    case observed
    /// Rebuilt from the provider's events with previous values (product, allocation and state changes).
    case events
    /// Read from recurring invoice lines (what was billed for which period).
    case invoices
    /// Today's price, quantities and coupons painted backwards: nothing older told otherwise.
    case backFilled = "back_filled"

    /// Lower is better evidence.
    var rank: Int {
        switch self {
        case .observed: 0
        case .events: 1
        case .invoices: 2
        case .backFilled: 3
        }
    }

    public static func < (a: HistoryBasis, b: HistoryBasis) -> Bool { a.rank < b.rank }

    /// The label printed beside a month.
    public var label: String {
        switch self {
        case .observed: "observed at sync"
        case .events: "reconstructed from events"
        case .invoices: "estimated from invoices"
        case .backFilled: "BACK-FILLED at today's price"
        }
    }
}
