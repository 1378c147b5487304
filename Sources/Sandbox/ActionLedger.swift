/// What the world remembers about writes beyond the company's records: side effects, notes, the rate
/// windows of card-update mails and portal links, and Truto's idempotent replies.
struct ActionLedger: Sendable {
    var sideEffects: [SandboxSideEffect] = []
    var notes: [SandboxNote] = []
    /// World times of the card-update e-mails sent, per subscription.
    var cardUpdateEmails: [Int: [Int64]] = [:]
    /// World times of the management-link requests, per customer.
    var linkRequests: [Int: [Int64]] = [:]
    /// The management link made for a customer (its creation time); a new one once it has expired.
    var linkCreatedAt: [Int: Int64] = [:]
    /// How often the customer's current management link was fetched.
    var linkFetches: [Int: Int] = [:]
    /// Truto `Idempotency-Key`s: the first reply, or nil while the first request is still being answered.
    var idempotentReplies: [String: IdempotentReply] = [:]

    /// The first answer to an `Idempotency-Key`, kept to be replayed.
    struct IdempotentReply: Sendable {
        var firstUsedAt: Int64
        var response: SandboxResponse?
    }

    /// Counts one more use of `id` in a rolling window of `window` seconds before `now`; false, counting
    /// nothing, when `limit` uses already fall in it. Uses older than the window are forgotten.
    static func admit(_ uses: inout [Int: [Int64]], _ id: Int, now: Int64, window: Int64, limit: Int) -> Bool {
        let recent = (uses[id] ?? []).filter { now - $0 < window }
        guard recent.count < limit else { return false }
        uses[id] = recent + [now]
        return true
    }
}
