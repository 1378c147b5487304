import BillingCore
import BillingStore
import Testing

@testable import BillingSync

@Suite struct StreamPlannerTests {
    func page(ids: [String], next: FetchedPage.Next, updated: Int64 = 1_000) -> FetchedPage {
        var p = FetchedPage()
        p.customers = ids.map {
            Incoming(value: Customer(id: $0, updatedAt: Timestamp(secondsSinceEpoch: updated)), raw: "{}")
        }
        p.next = next
        p.fingerprint = p.contentFingerprint
        return p
    }

    @Test func firstRunIsCompleteThenWindowsStartAtThePreviousRunStartMinusOverlap() {
        let (first, fresh) = StreamPlanner.begin(
            StreamState(), stream: .customers, now: 1_000, full: false, overlap: 300, nextEventID: nil)
        #expect(fresh && first.fullListing && first.windowStart == nil && first.page == 1)
        let done = StreamPlanner.complete(first, now: 1_500)
        #expect(done.phase == .idle && done.highWater == 1_000 && done.lastFullAt == 1_500)
        let (second, _) = StreamPlanner.begin(
            done, stream: .customers, now: 2_000, full: false, overlap: 300, nextEventID: nil)
        #expect(!second.fullListing && second.windowStart == 700 && second.runStartedAt == 2_000)
        let (forced, _) = StreamPlanner.begin(
            StreamPlanner.complete(second, now: 2_100), stream: .customers, now: 3_000, full: true, overlap: 300,
            nextEventID: nil)
        #expect(forced.fullListing && forced.windowStart == nil)
    }

    @Test func aServerClockMoreThanADayFromOursIsNotAdopted() {
        #expect(StreamPlanner.trustedServerStart(serverDate: 10_000, localNow: 10_000 + 3_600) == 10_000)
        #expect(StreamPlanner.trustedServerStart(serverDate: 100_000 + 86_400, localNow: 100_000) == 186_400)
        #expect(StreamPlanner.trustedServerStart(serverDate: 100_000 + 86_401, localNow: 100_000) == nil)
        #expect(StreamPlanner.trustedServerStart(serverDate: 4_102_444_800, localNow: 1_800_000_000) == nil)
        #expect(StreamPlanner.trustedServerStart(serverDate: 0, localNow: 1_800_000_000) == nil)
        #expect(StreamPlanner.trustedServerStart(serverDate: nil, localNow: 1_800_000_000) == nil)
    }

    @Test func aHighWaterMarkInTheFutureIsClampedToTheLastCompletedRun() {
        let now: Int64 = 1_800_000_000
        let poisoned = StreamState(highWater: 4_102_444_800, lastCompletedAt: now - 600)
        let (clamped, replaced) = StreamPlanner.clampFutureHighWater(poisoned, now: now)
        #expect(replaced == 4_102_444_800 && clamped.highWater == now - 600)
        let (window, _) = StreamPlanner.begin(
            clamped, stream: .customers, now: now, full: false, overlap: 300, nextEventID: nil)
        #expect(!window.fullListing && window.windowStart == now - 900)
        // No completed run on record (or one "completed" in the future): from now.
        #expect(
            StreamPlanner.clampFutureHighWater(StreamState(highWater: now + 90_000), now: now).state.highWater == now)
        #expect(
            StreamPlanner.clampFutureHighWater(
                StreamState(highWater: now + 90_000, lastCompletedAt: now + 80_000), now: now
            ).state.highWater == now)
        // A server a few hours ahead of us is within the skew we accept: left alone.
        let ahead = StreamState(highWater: now + 7_200, lastCompletedAt: now - 600)
        #expect(StreamPlanner.clampFutureHighWater(ahead, now: now).replaced == nil)
    }

    @Test func anInterruptedRunResumesAtItsCheckpoint() {
        var state = StreamState(phase: .running, runStartedAt: 500, windowStart: 200, page: 7, highWater: 400)
        let (resumed, fresh) = StreamPlanner.begin(
            state, stream: .invoices, now: 9_000, full: false, overlap: 300, nextEventID: nil)
        #expect(!fresh && resumed.page == 7 && resumed.runStartedAt == 500 && resumed.windowStart == 200)
        state.phase = .failed
        state.lastError = "boom"
        let (again, _) = StreamPlanner.begin(
            state, stream: .invoices, now: 9_000, full: false, overlap: 300, nextEventID: nil)
        #expect(again.page == 7 && again.lastError == nil && again.phase == .running)
    }

    @Test func aResumedListingKeepsItsSeenFloorAndAFreshOneDropsIt() {
        let interrupted = StreamState(phase: .failed, runStartedAt: 500, page: 7, fullListing: true, seenFloor: 42)
        let (resumed, fresh) = StreamPlanner.begin(
            interrupted, stream: .invoices, now: 9_000, full: true, overlap: 300, nextEventID: nil)
        #expect(!fresh && resumed.seenFloor == 42)
        let done = StreamPlanner.complete(resumed, now: 9_500)
        let (next, again) = StreamPlanner.begin(
            done, stream: .invoices, now: 10_000, full: true, overlap: 300, nextEventID: nil)
        #expect(again && next.seenFloor == nil)
    }

    @Test func pagesAdvanceAndTheLastOneFinishes() throws {
        var loop = LoopGuard()
        let state = StreamState(phase: .running, runStartedAt: 1, page: 1)
        let step = try StreamPlanner.advance(state, page: page(ids: ["1", "2"], next: .page(2)), now: 2, loop: &loop)
        guard case .next(let next) = step else { Issue.record("expected next"); return }
        #expect(next.page == 2 && next.recordsThisRun == 2)
        let last = try StreamPlanner.advance(next, page: page(ids: ["3"], next: .done), now: 3, loop: &loop)
        guard case .finished(let final) = last else { Issue.record("expected finished"); return }
        #expect(final.recordsThisRun == 3)
    }

    @Test func aRepeatedCursorOrIdenticalPageIsAnErrorNotALoop() throws {
        var loop = LoopGuard()
        let state = StreamState(phase: .running, runStartedAt: 1, page: 1)
        let a = try StreamPlanner.advance(state, page: page(ids: ["1"], next: .cursor("c1")), now: 2, loop: &loop)
        guard case .next(let afterA) = a else { return }
        #expect(throws: SyncError.self) {
            try StreamPlanner.advance(afterA, page: page(ids: ["2"], next: .cursor("c1")), now: 3, loop: &loop)
        }
        var other = LoopGuard()
        _ = try StreamPlanner.advance(state, page: page(ids: ["1"], next: .page(2)), now: 2, loop: &other)
        #expect(throws: SyncError.self) {
            try StreamPlanner.advance(state, page: page(ids: ["1"], next: .page(3)), now: 3, loop: &other)
        }
    }

    @Test func recordsOlderThanTheWindowMeanTheFilterWasIgnored() {
        let state = StreamState(phase: .running, windowStart: 5_000, page: 1)
        #expect(
            StreamPlanner.filterIgnored(state, page: page(ids: ["1"], next: .done, updated: 4_999), stream: .customers))
        #expect(
            !StreamPlanner.filterIgnored(state, page: page(ids: ["1"], next: .done, updated: 5_000), stream: .customers)
        )
        #expect(
            !StreamPlanner.filterIgnored(
                StreamState(), page: page(ids: ["1"], next: .done, updated: 1), stream: .customers))
    }

    @Test func expiredCursorRestartsOnlyTheWindow() {
        let state = StreamState(phase: .running, runStartedAt: 10, windowStart: 5, cursor: "abc", page: 4)
        let restarted = StreamPlanner.restartWindow(state, now: 11)
        #expect(
            restarted.cursor == nil && restarted.page == 1 && restarted.windowStart == 5 && restarted.runStartedAt == 10
        )
    }
}
