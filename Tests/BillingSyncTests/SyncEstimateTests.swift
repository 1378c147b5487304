import BillingCore
import Testing

@testable import BillingSync

/// The first sync's estimate: from given counts, under a budget, and "unknown" before anything is known.
@Suite struct SyncEstimateTests {
    typealias Stream = SyncEstimate.Stream

    @Test func unknownWhenNothingIsKnownYet() {
        let estimate = SyncEstimate(
            streams: [
                Stream(name: "customers"), Stream(name: "subscriptions"), Stream(name: "invoices"),
                Stream(name: "events"),
            ],
            pageSize: 200, requestsPerHour: nil, requestsSent: 0, elapsedSeconds: 0)
        #expect(estimate.requestsPerSecond == nil)
        #expect(estimate.etaSeconds == nil)
        #expect(estimate.summary == "first sync 0/4, ETA unknown (estimate)")
    }

    @Test func expectedCountsGiveTheRequestsLeft() {
        // 1,240 of ~6,000 invoices at 200 a page: 23 more full pages and the last short one.
        let estimate = SyncEstimate(
            streams: [
                Stream(name: "customers", records: 2_000, pages: 11, finished: true),
                Stream(name: "invoices", records: 1_240, pages: 7, expected: 6_000),
            ],
            pageSize: 200, requestsPerHour: nil, requestsSent: 36, elapsedSeconds: 12)
        #expect(estimate.remainingRequests.count == 24)
        #expect(estimate.remainingRequests.lowerBound == false)
        // Measured: 3 requests a second, so 8 s.
        #expect(estimate.etaSeconds == 8)
        #expect(estimate.summary == "first sync 1/2, ETA ~8s (estimate)")
        #expect(
            estimate.line == "first sync 1/2, ETA ~8s (estimate): invoices 1240 of ~6000; ~24 requests left at 180/min")
    }

    @Test func theBudgetsPaceGivesTheETA() {
        // 60 requests a minute allowed; measured faster (a burst at the start): the budget's pace wins.
        let estimate = SyncEstimate(
            streams: [Stream(name: "invoices", records: 0, expected: 23_800)],
            pageSize: 200, requestsPerHour: 3_600, requestsSent: 50, elapsedSeconds: 10)
        #expect(estimate.remainingRequests.count == 120)
        #expect(estimate.requestsPerSecond == 1)
        #expect(estimate.etaSeconds == 120)
        #expect(estimate.summary == "first sync 0/1, ETA ~2m (estimate)")
        // A measured rate slower than the budget (latency, the in-flight cap) is the one to expect.
        let slow = SyncEstimate(
            streams: estimate.streams, pageSize: 200, requestsPerHour: 36_000, requestsSent: 20, elapsedSeconds: 40)
        #expect(slow.requestsPerSecond == 0.5)
        #expect(slow.etaSeconds == 240)
        // Before any request the budget alone gives the pace.
        let unsent = SyncEstimate(
            streams: estimate.streams, pageSize: 200, requestsPerHour: 3_600, requestsSent: 0, elapsedSeconds: 0)
        #expect(unsent.etaSeconds == 120)
    }

    @Test func aStreamWithNoCountMakesTheETAALowerBound() {
        let estimate = SyncEstimate(
            streams: [
                Stream(name: "invoices", records: 200, pages: 1, expected: 1_000),
                Stream(name: "events", records: 3_400, pages: 17),
            ],
            pageSize: 200, requestsPerHour: 360, requestsSent: 18, elapsedSeconds: 180)
        // Five invoice pages and at least one of events, at 6 a minute.
        #expect(estimate.remainingRequests.count == 6)
        #expect(estimate.remainingRequests.lowerBound)
        #expect(estimate.etaSeconds == 60)
        #expect(estimate.summary == "first sync 0/2, ETA 1m+ (estimate)")
        #expect(
            estimate.line.hasSuffix(": invoices 200 of ~1000, events 3400 so far; at least 6 requests left at 6/min"))
    }

    @Test func onlyStreamsWithoutACountLeaveTheETAUnknown() {
        let estimate = SyncEstimate(
            streams: [Stream(name: "customers", records: 400, pages: 2), Stream(name: "events")],
            pageSize: 200, requestsPerHour: nil, requestsSent: 2, elapsedSeconds: 1)
        #expect(estimate.etaSeconds == nil)
        #expect(estimate.summary == "first sync 0/2, ETA unknown (estimate)")
    }

    @Test func aFinishedSyncSaysDoneAndTheSummaryFitsTheHeader() {
        let done = SyncEstimate(
            streams: [Stream(name: "customers", finished: true), Stream(name: "events", finished: true)],
            pageSize: 200, requestsPerHour: nil, requestsSent: 2, elapsedSeconds: 1)
        #expect(done.line == "first sync 2/2, done")
        // The longest summary (hours, a lower bound) leaves room for the rest of an 80-column header.
        let long = SyncEstimate(
            streams: [Stream(name: "invoices", expected: 2_000_000), Stream(name: "events")],
            pageSize: 20, requestsPerHour: 3_600, requestsSent: 0, elapsedSeconds: 0)
        #expect(long.summary == "first sync 0/2, ETA 27h47m+ (estimate)")
        #expect(long.summary.count <= 40)
    }

    @Test func durationsRoundUp() {
        #expect(SyncEstimate.duration(0.2) == "1s")
        #expect(SyncEstimate.duration(59) == "59s")
        #expect(SyncEstimate.duration(61) == "2m")
        #expect(SyncEstimate.duration(3_600) == "1h00m")
        #expect(SyncEstimate.duration(3_661) == "1h02m")
    }
}
