import BillingCore
import Foundation
import Synchronization
import Testing

@testable import BillingSync

/// A request cancelled while it waits for one of the source's slots leaves the queue at once, holding none:
/// a stream stopped while it awaits an earlier page must not wait for a slot that another request, one only
/// that stream would cancel, holds for as long as its server keeps it.
@Suite struct ThrottleCancellationTests {
    /// Waits (bounded) until `throttle` has `count` requests queued.
    static func queued(_ throttle: SourceThrottle, _ count: Int) async -> Bool {
        for _ in 0..<2_000 {
            if await throttle.queued == count { return true }
            try? await Task.sleep(for: .milliseconds(1))
        }
        return false
    }

    @Test func aCancelledWaiterLeavesTheQueueWithoutTakingTheSlot() async throws {
        let throttle = SourceThrottle(maxInFlight: 1, clock: ManualClock(now: 0))
        _ = try await throttle.acquire()  // the only slot, held as by a request its server never answers
        let ended = Mutex<Result<Double, any Error>?>(nil)
        let waiting = Task {
            let result: Result<Double, any Error>
            do { result = .success(try await throttle.acquire()) } catch { result = .failure(error) }
            ended.withLock { $0 = result }
        }
        #expect(await Self.queued(throttle, 1))
        waiting.cancel()
        var outcome: Result<Double, any Error>?
        for _ in 0..<2_000 where outcome == nil {
            try await Task.sleep(for: .milliseconds(1))
            outcome = ended.withLock { $0 }
        }
        guard let outcome else {
            Issue.record("a cancelled request still waits for the slot after 2 s")
            await throttle.release(failed: false)  // let it go, so the test ends
            return
        }
        #expect(throws: CancellationError.self) { try outcome.get() }
        #expect(await throttle.queued == 0)
        // The slot is still the first request's: the next request queues, and gets it when that one ends.
        let next = Task { try await throttle.acquire() }
        #expect(await Self.queued(throttle, 1))
        await throttle.release(failed: false)
        _ = try await next.value
        #expect(await throttle.queued == 0)
    }
}
