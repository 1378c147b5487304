import BillingCore
import Testing

/// How subscriptions end: an expired one at its `expires_at`, a canceled one at its `canceled_at`, in the
/// day's MRR, the history, its movements and the month-end trend; the period end or the last update only
/// when the provider gave neither.
@Suite struct SubscriptionEndTests {
    /// $100 a month from January 1st; its current period runs to April 1st, past the day it ends.
    static func ended(_ state: SubscriptionState, expires: String?, canceled: String?) -> Subscription {
        var sub = Fx.sub(
            "s", price: Fx.usd("100"), state: state, activated: "2026-01-01", canceled: canceled,
            updated: "2026-03-20", periodEnds: "2026-04-01")
        sub.expiresAt = expires.map(Fx.at)
        return sub
    }

    /// The day's MRR, the month-end trend (January to April) and the movements of `sub`'s history.
    static func history(_ sub: Subscription) -> (trend: [Int64], movements: [MRRMovement], march: MRRBridge?) {
        let series = MRRHistory.fromSubscriptions([sub], from: Fx.day("2026-01-01"), through: Fx.day("2026-06-30"))
        let trend = ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"].map {
            series.totals(on: Fx.day($0))[.usd].minorUnits
        }
        let march = series.bridges(from: Fx.day("2026-03-01"), through: Fx.day("2026-03-31")).first {
            $0.currency == .usd
        }
        return (trend, series.movements(through: Fx.day("2026-06-30")), march)
    }

    @Test func aSubscriptionThatExpiredMidMonthCountsBeforeAndNotAfter() {
        let sub = Self.ended(.expired, expires: "2026-03-15", canceled: nil)
        #expect(SubscriptionMRR.endDate(of: sub) == Fx.day("2026-03-15"))
        #expect(SubscriptionMRR.mrr(of: sub, on: Fx.day("2026-03-14")) == Fx.usd("100"))
        #expect(SubscriptionMRR.mrr(of: sub, on: Fx.day("2026-03-15")) == Fx.usd("0"))
        let (trend, movements, march) = Self.history(sub)
        #expect(trend == [10_000, 10_000, 0, 0])
        #expect(movements.map(\.kind) == [.new, .churn])
        #expect(movements.last?.date == Fx.day("2026-03-15"))
        #expect(march?.amount(.churn) == Fx.usd("100") && march?.end == 0)
    }

    @Test func aSubscriptionCanceledMidMonthCountsBeforeAndNotAfter() {
        let sub = Self.ended(.canceled, expires: nil, canceled: "2026-03-15")
        #expect(SubscriptionMRR.mrr(of: sub, on: Fx.day("2026-03-14")) == Fx.usd("100"))
        #expect(SubscriptionMRR.mrr(of: sub, on: Fx.day("2026-03-15")) == Fx.usd("0"))
        let (trend, movements, march) = Self.history(sub)
        #expect(trend == [10_000, 10_000, 0, 0])
        #expect(movements.map(\.date) == [Fx.day("2026-01-01"), Fx.day("2026-03-15")])
        #expect(march?.amount(.churn) == Fx.usd("100"))
    }

    @Test func eachStateTakesItsOwnEndFirstAndTheOtherBeforeAnyGuess() {
        // Both given: a canceled subscription ended when it was canceled, an expired one when it expired.
        #expect(
            SubscriptionMRR.endDate(of: Self.ended(.canceled, expires: "2026-05-01", canceled: "2026-03-15"))
                == Fx.day("2026-03-15"))
        #expect(
            SubscriptionMRR.endDate(of: Self.ended(.expired, expires: "2026-03-10", canceled: "2026-02-01"))
                == Fx.day("2026-03-10"))
        // Only the other one given: it is still the provider's word, better than a guess.
        #expect(
            SubscriptionMRR.endDate(of: Self.ended(.canceled, expires: "2026-03-12", canceled: nil))
                == Fx.day("2026-03-12"))
        #expect(
            SubscriptionMRR.endDate(of: Self.ended(.expired, expires: nil, canceled: "2026-03-11"))
                == Fx.day("2026-03-11"))
        // Neither: the period end, then the last update.
        #expect(SubscriptionMRR.endDate(of: Self.ended(.expired, expires: nil, canceled: nil)) == Fx.day("2026-04-01"))
        var bare = Self.ended(.expired, expires: nil, canceled: nil)
        bare.currentPeriodEndsAt = nil
        #expect(SubscriptionMRR.endDate(of: bare) == Fx.day("2026-03-20"))
    }
}
