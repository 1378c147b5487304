/// One attempt of a request that did not bring a decoded page: what came back, for the retry policy and
/// for the sync log's line. Thrown by `RequestExecutor.attempt` and caught by its caller's retry loop.
struct FailedAttempt: Error {
    /// What the retry policy decides on.
    var outcome: RetryPolicy.Outcome
    /// The HTTP status, or nil when no response came.
    var status: Int?
    /// The server's clock from a failed response's `Date`, to read a `Retry-After` date against.
    var serverNow: Double?
    /// The provider's message or the transport's reason, already redacted.
    var message: String
    /// A failed request keeps its slot until its decision (a source pause, a closed source) is in force,
    /// so no other request of the source slips out first; a 2xx freed its slot before decoding.
    var holdsSlot: Bool
}
