import BillingCore
import Testing

@testable import BillingSync

/// A first sync's progress lines: when they are written, and the invoices expected once every
/// subscription is listed.
@Suite struct FirstSyncTrackerTests {
    let month: Int64 = 2_629_800

    func tracker(_ clock: ManualClock, _ requests: RequestCounter) -> FirstSyncTracker {
        FirstSyncTracker(
            streams: [.customers, .subscriptions, .invoices, .events], pageSize: 2, requestsPerHour: 3_600,
            clock: clock,
            requests: requests, interval: 30)
    }

    func subscription(_ id: String, monthsAgo: Int64, now: Double) -> Subscription {
        Subscription(
            id: id, customerID: id, state: .active, productPrice: Money(minorUnits: 1_000, currency: .usd),
            activatedAt: Timestamp(secondsSinceEpoch: Int64(now) - monthsAgo * month))
    }

    @Test func anIncrementalRunWritesNoProgress() {
        let clock = ManualClock()
        let tracker = tracker(clock, RequestCounter())
        tracker.began(.customers, firstListing: false, records: 0)
        #expect(tracker.committed(.customers, subscriptions: [], records: 2, pages: 1) == nil)
        #expect(tracker.finished(.customers) == nil)
        #expect(tracker.estimate == nil)
    }

    @Test func aLineAtTheFirstPageThenEveryIntervalAndAtEachStreamsEnd() {
        let clock = ManualClock()
        let requests = RequestCounter()
        let tracker = tracker(clock, requests)
        for stream in StreamKind.allCases { tracker.began(stream, firstListing: true, records: 0) }
        requests.increment()
        #expect(
            tracker.committed(.customers, subscriptions: [], records: 2, pages: 1)?.hasPrefix("first sync 0/4") == true)
        clock.advance(seconds: 29)
        #expect(tracker.committed(.customers, subscriptions: [], records: 4, pages: 2) == nil)
        clock.advance(seconds: 1)
        #expect(tracker.committed(.customers, subscriptions: [], records: 5, pages: 3) != nil)
        // One request in 30 s, and at least one each for the three streams still listing: 90 s at least.
        #expect(
            tracker.finished(.customers) == "first sync 1/4, ETA 2m+ (estimate): subscriptions 0 so far, "
                + "invoices 0 so far, events 0 so far; at least 3 requests left at 2/min")
    }

    @Test func theInvoicesExpectedComeFromTheSubscriptionsOnceAllAreListed() throws {
        let clock = ManualClock()
        let requests = RequestCounter()
        let tracker = tracker(clock, requests)
        for stream in StreamKind.allCases { tracker.began(stream, firstListing: true, records: 0) }
        let now = clock.now()
        // Three months billed (four invoices) and a new one (one invoice).
        let page = [subscription("1", monthsAgo: 3, now: now), subscription("2", monthsAgo: 0, now: now)]
        _ = tracker.committed(.subscriptions, subscriptions: page, records: 2, pages: 1)
        #expect(try #require(tracker.estimate).streams[2].expected == nil)
        _ = tracker.finished(.subscriptions)
        let estimate = try #require(tracker.estimate)
        #expect(estimate.streams.map(\.name) == ["customers", "subscriptions", "invoices", "events"])
        #expect(estimate.streams[2].expected == 5)
        // Five invoices at two a page: three requests, plus at least one each for the customers and the events.
        #expect(estimate.remainingRequests.count == 3 + 1 + 1)
        #expect(estimate.line.contains("invoices 0 of ~5"))
    }

    @Test func aResumedSubscriptionListingGivesNoForecast() throws {
        let clock = ManualClock()
        let tracker = tracker(clock, RequestCounter())
        tracker.began(.subscriptions, firstListing: true, records: 400)
        tracker.began(.invoices, firstListing: true, records: 0)
        _ = tracker.finished(.subscriptions)
        #expect(try #require(tracker.estimate).streams[2].expected == nil)
    }
}
