import BillingCore
import Foundation
import Testing

@testable import BillingSync

/// The request budget spaces a source's requests, with no burst; queued requests go most urgent first;
/// a provider that reports no requests left pauses the source until its reset.
@Suite struct RequestBudgetTests {
    @Test func requestsAreSpacedToTheBudgetWithNoBurst() {
        var pacer = RequestPacer(requestsPerHour: 3_600)
        #expect(abs(pacer.interval - 1.01) < 1e-9)
        #expect(pacer.delay(now: 100) == 0)
        pacer.take(now: 100)
        #expect(abs(pacer.delay(now: 100) - 1.01) < 1e-9)
        #expect(abs(pacer.delay(now: 100.5) - 0.51) < 1e-9)
        // An hour idle earns no burst: the next two requests are still an interval apart.
        pacer.take(now: 101.01)
        #expect(pacer.delay(now: 5_000) == 0)
        pacer.take(now: 5_000)
        #expect(abs(pacer.delay(now: 5_000) - 1.01) < 1e-9)
        // In any 60 s window at most 60 requests start when the budget is 60 a minute.
        var paced = RequestPacer(requestsPerHour: 3_600)
        var starts: [Double] = []
        var now = 0.0
        for _ in 0..<200 {
            now += paced.delay(now: now)
            paced.take(now: now)
            starts.append(now)
        }
        for start in starts { #expect(starts.filter { $0 >= start && $0 < start + 60 }.count <= 60) }
        let unpaced = RequestPacer(requestsPerHour: nil)
        #expect(unpaced.interval == 0 && unpaced.delay(now: 1) == 0)
    }

    @Test func queuedRequestsGoMostUrgentFirst() async throws {
        let throttle = SourceThrottle(maxInFlight: 1, clock: ManualClock(now: 0))
        _ = try await throttle.acquire(priority: 4)
        let order = OrderLog()
        var tasks: [Task<Void, any Error>] = []
        for priority in [4, 3, 0, 2, 1, 0] {
            tasks.append(
                Task {
                    _ = try await throttle.acquire(priority: priority)
                    order.append(priority)
                    await throttle.release(failed: false)
                })
            // Each waiter queues before the next is started, so arrival order is known.
            while await throttle.waitingCount < tasks.count { await Task.yield() }
        }
        await throttle.release(failed: false)
        for task in tasks { try await task.value }
        #expect(order.values == [0, 0, 1, 2, 3, 4])
    }

    @Test func aProviderReportingNoRequestsLeftPausesUntilItsReset() {
        #expect(
            RequestExecutor.exhaustedLimitReset(["ratelimit-remaining": "0", "ratelimit-reset": "12"], cap: 60) == 12)
        #expect(
            RequestExecutor.exhaustedLimitReset(["ratelimit-remaining": "0", "ratelimit-reset": "7200"], cap: 60) == 60)
        #expect(
            RequestExecutor.exhaustedLimitReset(["ratelimit-remaining": "3", "ratelimit-reset": "12"], cap: 60) == nil)
        #expect(RequestExecutor.exhaustedLimitReset(["ratelimit-remaining": "0"], cap: 60) == nil)
        #expect(
            RequestExecutor.exhaustedLimitReset(["ratelimit-remaining": "0", "ratelimit-reset": "nan"], cap: 60) == nil)
        #expect(RequestExecutor.exhaustedLimitReset([:], cap: 60) == nil)
    }

    @Test func theConfigReadsTheBudget() throws {
        let text = """
            [[source]]
            name = "acme"
            kind = "chargify"
            url = "https://acme.chargify.com"
            requests_per_hour = 3600
            """
        let sources = try ConfigLoader.parse(text, path: "c.toml", environment: ["BILLTOP_API_KEY": "k"])
        #expect(sources.first?.requestsPerHour == 3_600)
    }
}

/// Priorities in the order their requests got a slot.
final class OrderLog: @unchecked Sendable {
    // @unchecked: `stored` is only touched under `lock`.
    private let lock = NSLock()
    private var stored: [Int] = []
    func append(_ value: Int) { lock.withLock { stored.append(value) } }
    var values: [Int] { lock.withLock { stored } }
}
