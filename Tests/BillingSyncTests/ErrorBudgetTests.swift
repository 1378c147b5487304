import BillingCore
import Foundation
import Testing

@testable import BillingSync

@Suite struct ErrorBudgetTests {
    let t0 = 1_781_956_800.0

    @Test func roomUntilTheLimitThenWaitForTheOldestToLeaveTheWindow() {
        var budget = ErrorBudget(limit: 3, window: 10)
        #expect(budget.delay(now: t0, inFlight: 0) == 0)
        budget.recordFailure(at: t0)
        budget.recordFailure(at: t0 + 1)
        #expect(budget.delay(now: t0 + 2, inFlight: 0) == 0)
        budget.recordFailure(at: t0 + 2)
        // Three failures in the window: the next request waits until the first one is 10 s old.
        #expect(budget.delay(now: t0 + 3, inFlight: 0) == 7)
        #expect(budget.delay(now: t0 + 10, inFlight: 0) == 0)
        #expect(budget.recent(at: t0 + 10) == 2)
        #expect(budget.recent(at: t0 + 30) == 0)
    }

    @Test func requestsInFlightCountAsFailuresUntilTheyAnswer() {
        var budget = ErrorBudget(limit: 3, window: 10)
        budget.recordFailure(at: t0)
        // One failure + two in flight fill the budget; the wait covers the oldest failure only.
        #expect(budget.delay(now: t0 + 1, inFlight: 2) == 9)
        // Only in-flight requests fill it: nothing to wait out, wait for an answer instead.
        var fresh = ErrorBudget(limit: 2, window: 10)
        #expect(fresh.delay(now: t0, inFlight: 2) == nil)
        #expect(fresh.delay(now: t0, inFlight: 1) == 0)
    }

    /// Whatever the pattern of failures, following the budget's waits never puts more than `limit`
    /// failures into any window (a seeded random walk of request attempts, every one failing).
    @Test func followingTheWaitsNeverExceedsTheLimitInAnyWindow() {
        var generator = SplitMix64(seed: 42)
        for limit in [1, 3, 20] {
            var budget = ErrorBudget(limit: limit, window: 10)
            var now = t0
            var sent: [Double] = []
            for _ in 0..<300 {
                now += generator.unit() * 0.5
                if let delay = budget.delay(now: now, inFlight: 0), delay > 0 { now += delay }
                sent.append(now)
                budget.recordFailure(at: now)
            }
            var start = 0
            for end in sent.indices {
                while sent[end] - sent[start] >= 10 { start += 1 }
                #expect(end - start + 1 <= limit, "limit \(limit): \(end - start + 1) in a window")
            }
        }
    }

    /// The throttle waits out the budget on its clock (manual here: the waits are recorded sleeps).
    @Test func theThrottleSleepsUntilTheBudgetHasRoom() async throws {
        let clock = ManualClock(now: t0)
        let throttle = SourceThrottle(maxInFlight: 4, clock: clock, budget: ErrorBudget(limit: 2, window: 10))
        for _ in 0..<2 {
            _ = try await throttle.acquire()
            await throttle.release(failed: true)
        }
        _ = try await throttle.acquire()
        #expect(clock.slept == [10])
        await throttle.release(failed: false)
        #expect(await throttle.recentFailures() == 0)
    }
}
