import BillingCore

extension SandboxWorld {
    /// States a retry or `cancel_dunning` acts on: dunning is running or has ended unpaid.
    static let dunningStates: Set<String> = ["past_due", "soft_failure", "unpaid"]

    /// What a retry came to: the subscription, and the decline when the card failed (the failure is kept:
    /// its event is added and the token spent, as the attempt was made).
    struct RetryOutcome: Sendable {
        var subscription: SandboxSubscription
        var decline: String?
    }

    /// `PUT /subscriptions/{id}/retry.json`: a working card pays the open invoices and the subscription
    /// becomes active; a failing one (`Company.retryDecline`) leaves it as it is with a `payment_failure` event.
    func retry(subscriptionID id: Int, token: String?) throws(ActionRefusal) -> RetryOutcome {
        var decline: String?
        let s = try updateSubscription(id: id, token: token) { (s: inout SandboxSubscription) throws(ActionRefusal) in
            guard Self.dunningStates.contains(s.state) else {
                throw ActionRefusal(422, "Subscription is not in a retryable state (it is \(s.state)).")
            }
            if let reason = company.retryDecline(s, at: nowSeconds) {
                decline = reason
                let data =
                    "{\"amount_in_cents\":\(s.balanceInCents),\"failure_message\":\"\(reason)\","
                    + "\"memo\":\"\(reason)\"}"
                appendEvent("payment_failure", "Payment failed: \(reason)", subscription: s, data: data)
                return
            }
            for due in company.payOpenInvoices(of: &s, at: nowSeconds) {
                appendEvent(
                    "payment_success", "Payment received", subscription: s, data: "{\"amount_in_cents\":\(due)}")
            }
            changeState(&s, to: "active")
            s.dunningStep = nil
        }
        ledger.sideEffects.append(
            SandboxSideEffect(
                kind: .chargeAttempt, worldTime: nowSeconds, subscriptionID: id, customerID: s.customerID,
                text: decline ?? "paid"))
        return RetryOutcome(subscription: s, decline: decline)
    }

    /// `POST /subscriptions/{id}/cancel_dunning.json`. Assumed from Maxio's description ("the subscription
    /// will be set to active and the active dunner resolved"): the state returns to `active` with a
    /// `subscription_state_change` event, the open invoices stay open. Outside dunning: 422 (not confirmed).
    func cancelDunning(subscriptionID id: Int, token: String?) throws(ActionRefusal) -> SandboxSubscription {
        try updateSubscription(id: id, token: token) { (s: inout SandboxSubscription) throws(ActionRefusal) in
            guard Self.dunningStates.contains(s.state) else {
                throw ActionRefusal(422, "Subscription is not in dunning (it is \(s.state)).")
            }
            changeState(&s, to: "active")
            s.dunningStep = nil
        }
    }

    /// `POST /subscriptions/{id}/hold.json`: an active subscription goes on hold, unless it renews within 24 h.
    func hold(subscriptionID id: Int, token: String?) throws(ActionRefusal) -> SandboxSubscription {
        try updateSubscription(id: id, token: token) { (s: inout SandboxSubscription) throws(ActionRefusal) in
            guard s.state == "active" else {
                throw ActionRefusal(422, "Only an active subscription can be paused (it is \(s.state)).")
            }
            let renewal = s.nextAssessmentAt ?? s.currentPeriodEndsAt
            guard renewal - nowSeconds >= 86_400 else {
                throw ActionRefusal(422, "A subscription cannot be paused within 24 hours of its next renewal.")
            }
            changeState(&s, to: "on_hold")
            s.onHoldAt = nowSeconds
        }
    }

    /// `POST /subscriptions/{id}/resume.json`. Assumed: the period is pushed back by the time spent on hold,
    /// so no renewal falls inside the pause (Maxio's exact rule is not confirmed).
    func resume(subscriptionID id: Int, token: String?) throws(ActionRefusal) -> SandboxSubscription {
        try updateSubscription(id: id, token: token) { (s: inout SandboxSubscription) throws(ActionRefusal) in
            guard s.state == "on_hold" || s.state == "paused" else {
                throw ActionRefusal(422, "Only a paused subscription can be resumed (it is \(s.state)).")
            }
            let held = max(0, nowSeconds - (s.onHoldAt ?? nowSeconds))
            s.currentPeriodEndsAt += held
            s.nextAssessmentAt = s.nextAssessmentAt.map { $0 + held }
            s.onHoldAt = nil
            changeState(&s, to: "active")
        }
    }

    /// `POST` (schedule) and `DELETE` (undo) `/subscriptions/{id}/delayed_cancel.json`. Asking for what is
    /// already so changes nothing and adds no event; the simulator cancels at period end (`renewAndDun`).
    func delayCancel(subscriptionID id: Int, schedule: Bool, message: String?, token: String?) throws(ActionRefusal)
        -> SandboxSubscription
    {
        try updateSubscription(id: id, token: token) { (s: inout SandboxSubscription) throws(ActionRefusal) in
            guard ["active", "trialing", "past_due", "soft_failure", "unpaid"].contains(s.state) else {
                throw ActionRefusal(422, "A \(s.state) subscription cannot be canceled at the end of its period.")
            }
            guard s.cancelAtEndOfPeriod != schedule else { return }
            s.cancelAtEndOfPeriod = schedule
            s.delayedCancelAt = schedule ? s.currentPeriodEndsAt : nil
            s.scheduledCancellationAt = s.delayedCancelAt
            if schedule, let message { s.cancellationMessage = message }
            s.updatedAt = nowSeconds
            appendEvent(
                "pending_cancellation_change",
                schedule ? "Cancellation scheduled at period end" : "Scheduled cancellation removed", subscription: s,
                data: "{\"cancellation_state\":\"\(schedule ? "scheduled" : "unscheduled")\"}")
        }
    }

    /// `PUT /subscriptions/{id}/reactivate.json`: a canceled or expired subscription is active again with a
    /// new period from now. The reactivation charge is not modelled: the period's invoice is issued by the
    /// simulator's next renewal, not here (a simplification).
    func reactivate(subscriptionID id: Int, token: String?) throws(ActionRefusal) -> SandboxSubscription {
        let products = company.products
        return try updateSubscription(id: id, token: token) { (s: inout SandboxSubscription) throws(ActionRefusal) in
            guard s.state == "canceled" || s.state == "expired" else {
                throw ActionRefusal(
                    422, "Only a canceled or expired subscription can be reactivated (it is \(s.state)).")
            }
            guard let product = products.first(where: { $0.id == s.productID }) else { throw .notFound }
            s.currentPeriodStartedAt = nowSeconds
            s.currentPeriodEndsAt = SandboxClock.adding(intervals: 1, of: product, to: nowSeconds)
            s.nextAssessmentAt = s.currentPeriodEndsAt
            (s.canceledAt, s.expiresAt, s.cancellationMessage, s.cancellationMethod) = (nil, nil, nil, nil)
            (s.cancelAtEndOfPeriod, s.delayedCancelAt, s.scheduledCancellationAt, s.dunningStep) = (
                false, nil, nil, nil
            )
            changeState(&s, to: "active")
        }
    }

    /// `POST /subscriptions/{id}/add_coupon.json?code=X`. Chargify has no coupon event (api-reference.md), so
    /// only `updated_at` moves. Amount coupons are in USD, as the generator gives them only to USD plans.
    func addCoupon(subscriptionID id: Int, code: String, token: String?) throws(ActionRefusal) -> SandboxSubscription {
        let coupon = company.coupon(code: code)
        let today = SandboxClock.dayNumber(nowSeconds)
        return try updateSubscription(id: id, token: token) { (s: inout SandboxSubscription) throws(ActionRefusal) in
            guard let coupon else { throw ActionRefusal(422, "Coupon code could not be found.") }
            guard coupon.offered, coupon.endDay.map({ today <= $0 }) ?? true else {
                throw ActionRefusal(422, "Coupon code \(coupon.code) has expired.")
            }
            if coupon.amountInCents != nil, s.currency != .usd {
                throw ActionRefusal(
                    422, "Coupon \(coupon.code) is in USD; this subscription bills in \(s.currency.code).")
            }
            guard !s.couponCodes.contains(coupon.code) else {
                throw ActionRefusal(422, "Coupon \(coupon.code) is already applied to this subscription.")
            }
            s.couponCodes.append(coupon.code)
            s.updatedAt = nowSeconds
        }
    }
}
