import BillingCore
import BillingStore

/// One fetched and decoded page, before it is written.
struct FetchedPage: Sendable {
    enum Next: Sendable, Hashable {
        /// Chargify: the next page number.
        case page(Int)
        /// Truto: the opaque next cursor.
        case cursor(String)
        /// Events: continue from this id (inclusive `since_id`).
        case sinceID(Int64)
        /// The listing is complete.
        case done
    }

    var customers: [Incoming<Customer>] = []
    var subscriptions: [Incoming<Subscription>] = []
    var invoices: [Incoming<Invoice>] = []
    var events: [Incoming<BillingEvent>] = []
    /// The allocation histories read for the page's subscriptions (`AllocationReader`).
    var allocations: [ComponentAllocation] = []
    var next: Next = .done
    /// A hash of the body bytes, to catch a server that returns the same page again.
    var fingerprint: Int = 0
    /// Elements in the page (including any that could not be decoded at all).
    var elementCount: Int = 0
    /// The server's clock when the page was asked for (its `Date` header), if it sent one.
    var serverDate: Int64?

    var recordCount: Int { customers.count + subscriptions.count + invoices.count + events.count }

    /// `updated_at` of every record, for ignored-filter detection.
    var updatedTimes: [Int64] {
        customers.compactMap { $0.value.updatedAt?.secondsSinceEpoch }
            + subscriptions.compactMap { $0.value.updatedAt?.secondsSinceEpoch }
            + invoices.compactMap { $0.value.updatedAt?.secondsSinceEpoch }
    }

    /// A hash of what the page holds (ids and update times): equal for a page served twice.
    var contentFingerprint: Int {
        var hasher = Hasher()
        hasher.combine(ids)
        hasher.combine(updatedTimes)
        hasher.combine(events.map(\.value.id))
        return hasher.finalize()
    }

    /// Remote ids of the records, for reconciliation.
    var ids: [String] {
        customers.map(\.value.id) + subscriptions.map(\.value.id) + invoices.map(\.value.id)
    }
}

/// Where one request of a stream starts.
struct FetchPosition: Sendable, Hashable {
    var page: Int
    var cursor: String?
    /// Lower bound of `updated_at` (nil: complete listing); for events, the first event id wanted.
    var windowStart: Int64?
    /// Invoices only: list just this status (the first sync's open invoices, ahead of the history).
    var status: String? = nil
}

/// A source's API, reduced to "fetch this page of that stream".
protocol SourceClient: Sendable {
    func fetch(_ stream: StreamKind, at position: FetchPosition, log: LogBuffer) async throws -> FetchedPage
}
