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
    /// Truto `Idempotency-Key`s: the first reply, or nil while the first request is still being answered.
    var idempotentReplies: [String: IdempotentReply] = [:]

    /// The first answer to an `Idempotency-Key`, kept to be replayed.
    struct IdempotentReply: Sendable {
        var firstUsedAt: Int64
        var response: SandboxResponse?
    }

    /// Times in `times` that fall within `window` seconds before `now`.
    static func recent(_ times: [Int64]?, now: Int64, window: Int64) -> [Int64] {
        (times ?? []).filter { now - $0 < window }
    }
}
