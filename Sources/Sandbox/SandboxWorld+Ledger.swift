import BillingCore

extension SandboxWorld {
    /// What writes did that no record shows (deliveries, card-update e-mails, payments, notes), oldest first.
    public var sideEffects: [SandboxSideEffect] { ledger.sideEffects }

    /// Notes left through the API, oldest first.
    public var notes: [SandboxNote] { ledger.notes }

    var nowSeconds: Int64 { company.now.secondsSinceEpoch }

    /// Refuses a `uniqueness_token` used within the last 60 minutes of world time. A token is spent only
    /// by a write that did something (`commit`), so a request refused with 422 can be corrected and sent
    /// again with the same token; Maxio's behaviour there is not documented (assumed).
    func checkToken(_ token: String?) throws(ActionRefusal) {
        guard let token, !token.isEmpty else { return }
        if let seen = uniquenessTokens[token], nowSeconds - seen < 3_600 { throw .tokenReused }
    }

    /// Spends a token: the same one within 60 world minutes is answered 409.
    func commit(_ token: String?) {
        guard let token, !token.isEmpty else { return }
        uniquenessTokens[token] = nowSeconds
    }

    /// Appends an event at the world's now, with the next id.
    func appendEvent(
        _ key: String, _ message: String, subscription: SandboxSubscription?, customerID: Int? = nil,
        data: String = "{}"
    ) {
        company.events.append(
            SandboxEvent(
                id: (company.events.last?.id ?? 1_000_000) + 1, key: key, message: message,
                subscriptionID: subscription?.id,
                customerID: subscription?.customerID ?? customerID, createdAt: nowSeconds, specificDataJSON: data))
    }

    /// Moves a subscription to `state` now, with Chargify's `subscription_state_change` event.
    func changeState(_ s: inout SandboxSubscription, to state: String) {
        guard s.state != state else { return }
        appendEvent(
            "subscription_state_change", "State changed to \(state)", subscription: s,
            data: "{\"previous_subscription_state\":\"\(s.state)\",\"new_subscription_state\":\"\(state)\"}")
        s.previousState = s.state
        s.state = state
        s.updatedAt = nowSeconds
    }

    /// Runs `change` on subscription `id` under `token`: 404 for an unknown id, 409 for a spent token; the
    /// token is spent and the version moves only when `change` does not refuse.
    func updateSubscription(
        id: Int, token: String?,
        _ change: (inout SandboxSubscription) throws(ActionRefusal) -> Void
    ) throws(ActionRefusal)
        -> SandboxSubscription
    {
        guard let index = company.subscriptionIndex(id: id) else { throw .notFound }
        try checkToken(token)
        var s = company.subscriptions[index]
        try change(&s)
        company.subscriptions[index] = s
        commit(token)
        company.version += 1
        return s
    }

    /// Starts a Truto `Idempotency-Key`: the first reply within 60 world minutes to replay, 409 while the
    /// first request is still being answered, or nil to go ahead (the key is then reserved).
    func beginIdempotent(_ key: String) -> Result<SandboxResponse, ActionRefusal>? {
        if let entry = ledger.idempotentReplies[key], nowSeconds - entry.firstUsedAt < 3_600 {
            guard let response = entry.response else {
                return .failure(ActionRefusal(409, "A request with this Idempotency-Key is still being processed."))
            }
            return .success(response)
        }
        ledger.idempotentReplies[key] = ActionLedger.IdempotentReply(firstUsedAt: nowSeconds, response: nil)
        return nil
    }

    /// Keeps the first reply to an `Idempotency-Key`; a server error frees the key for another attempt.
    func finishIdempotent(_ key: String, _ response: SandboxResponse) {
        if response.status >= 500 {
            ledger.idempotentReplies[key] = nil
        } else {
            ledger.idempotentReplies[key]?.response = response
        }
    }
}
