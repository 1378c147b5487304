import BillingCore
import Foundation
import Testing

@testable import BillingSync

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 4, baseDelay: 1, maxBackoff: 8, retryAfterCap: 60, rateLimitPause: 10)
    let now = 1_781_956_800.0

    @Test func fullJitterBackoffGrowsAndIsCapped() {
        #expect(
            policy.decide(.status(503, retryAfter: nil), attempt: 0, now: now, random: 0.5)
                == .retry(seconds: 0.5, pauseSource: false))
        #expect(
            policy.decide(.status(500, retryAfter: nil), attempt: 2, now: now, random: 0.5)
                == .retry(seconds: 2, pauseSource: false))
        #expect(
            policy.decide(.transportError, attempt: 2, now: now, random: 0.999)
                == .retry(seconds: 3.996, pauseSource: false))
        #expect(policy.backoff(attempt: 10, random: 1) == 8)
        #expect(policy.backoff(attempt: 3, random: 0) == 0)
    }

    @Test func retryableOutcomesStopWhenAttemptsRunOut() {
        for outcome: RetryPolicy.Outcome in [
            .status(408, retryAfter: nil), .status(502, retryAfter: nil), .transportError, .badBody,
        ] {
            if case .retry = policy.decide(outcome, attempt: 2, now: now, random: 0.1) {
            } else {
                Issue.record("\(outcome) not retried")
            }
            #expect(policy.decide(outcome, attempt: 3, now: now, random: 0.1) == .stop)
        }
    }

    @Test func rejectedKeyAndOtherClientErrorsStopAtOnce() {
        #expect(policy.decide(.status(401, retryAfter: nil), attempt: 0, now: now, random: 0) == .rejectedKey)
        #expect(policy.decide(.status(403, retryAfter: "5"), attempt: 0, now: now, random: 0) == .rejectedKey)
        #expect(policy.decide(.status(404, retryAfter: nil), attempt: 0, now: now, random: 0) == .stop)
        #expect(policy.decide(.status(422, retryAfter: nil), attempt: 0, now: now, random: 0) == .stop)
    }

    @Test func rateLimitHonoursRetryAfterSecondsAndDatesCapped() {
        #expect(
            policy.decide(.status(429, retryAfter: "7"), attempt: 0, now: now, random: 0.9)
                == .retry(seconds: 7, pauseSource: true))
        #expect(
            policy.decide(.status(429, retryAfter: "60"), attempt: 0, now: now, random: 0)
                == .retry(seconds: 60, pauseSource: true))
        // Beyond the cap: stop and keep away, never retry before the server's time.
        #expect(
            policy.decide(.status(429, retryAfter: "3600"), attempt: 0, now: now, random: 0)
                == .waitTooLong(seconds: 3_600))
        #expect(
            policy.decide(.status(503, retryAfter: "61"), attempt: 0, now: now, random: 0) == .waitTooLong(seconds: 61))
        let date = HTTPDate.format(Int64(now) + 42)
        #expect(
            policy.decide(.status(429, retryAfter: date), attempt: 0, now: now, random: 0)
                == .retry(seconds: 42, pauseSource: true))
        let past = HTTPDate.format(Int64(now) - 42)
        #expect(
            policy.decide(.status(429, retryAfter: past), attempt: 0, now: now, random: 0)
                == .retry(seconds: 0, pauseSource: true))
    }

    /// The server's clock runs 2 hours behind ours: its HTTP date is read against its `Date`, not our clock.
    @Test func anHTTPDateRetryAfterIsMeasuredFromTheServersDate() {
        let server = now - 7_200
        let date = HTTPDate.format(Int64(server) + 42)
        #expect(
            policy.decide(.status(429, retryAfter: date), attempt: 0, now: now, serverNow: server, random: 0)
                == .retry(seconds: 42, pauseSource: true))
        #expect(
            policy.decide(.status(503, retryAfter: date), attempt: 0, now: now, serverNow: server, random: 0)
                == .retry(seconds: 42, pauseSource: false))
        // Ahead of ours by 2 hours: still 42 s, not 2 hours and 42 s (which the cap would refuse).
        let ahead = now + 7_200
        #expect(
            policy.decide(
                .status(429, retryAfter: HTTPDate.format(Int64(ahead) + 42)), attempt: 0, now: now, serverNow: ahead,
                random: 0)
                == .retry(seconds: 42, pauseSource: true))
        // The cap still applies to the server-relative wait; delta seconds ignore both clocks.
        #expect(
            policy.decide(
                .status(429, retryAfter: HTTPDate.format(Int64(server) + 600)), attempt: 0, now: now, serverNow: server,
                random: 0)
                == .waitTooLong(seconds: 600))
        #expect(
            policy.decide(.status(429, retryAfter: "7"), attempt: 0, now: now, serverNow: server, random: 0)
                == .retry(seconds: 7, pauseSource: true))
        // No usable `Date` (nil): our clock is the fallback, so the same date now lies in the past.
        #expect(
            policy.decide(.status(429, retryAfter: date), attempt: 0, now: now, serverNow: nil, random: 0)
                == .retry(seconds: 0, pauseSource: true))
    }

    @Test func rateLimitWithoutRetryAfterStaysWithinItsBoundsForEveryDraw() {
        // Attempt n pauses between half and all of min(cap, pause x 2^n), whatever the random draw.
        for attempt in 0..<7 {
            let ceiling = min(60, 10 * Double(1 << attempt))
            for step in 0..<100 {
                let random = Double(step) / 100
                guard
                    case .retry(let seconds, true) = policy.decide(
                        .status(429, retryAfter: nil), attempt: attempt, now: now, random: random)
                else {
                    Issue.record("attempt \(attempt) not a source pause")
                    continue
                }
                #expect(seconds >= ceiling / 2 && seconds < ceiling, "attempt \(attempt) draw \(random): \(seconds)")
            }
        }
    }

    @Test func rateLimitWithoutRetryAfterPausesTheSourceLongerEachTime() {
        #expect(
            policy.decide(.status(429, retryAfter: nil), attempt: 0, now: now, random: 0)
                == .retry(seconds: 5, pauseSource: true))
        #expect(
            policy.decide(.status(429, retryAfter: nil), attempt: 1, now: now, random: 1)
                == .retry(seconds: 20, pauseSource: true))
        #expect(
            policy.decide(.status(429, retryAfter: nil), attempt: 5, now: now, random: 1)
                == .retry(seconds: 60, pauseSource: true))
        #expect(
            policy.decide(.status(429, retryAfter: "garbage"), attempt: 0, now: now, random: 0)
                == .retry(seconds: 5, pauseSource: true))
    }
}
