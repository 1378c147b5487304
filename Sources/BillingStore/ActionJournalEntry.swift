/// One attempt to change something at a provider (`action_journal`): what, on which object, by whom, with
/// which token, and how it ended. Written before the request leaves; the audit trail reads the same rows.
public struct ActionJournalEntry: Hashable, Sendable, Codable {
    /// Where an attempt stands.
    public enum State: String, Sendable, Codable, CaseIterable {
        /// Journalled, not yet sent: nothing reached the provider (safe to send with the same token).
        case pending
        /// Sent, no answer recorded: the provider may or may not have acted; the next attempt reuses the token.
        case sent
        /// The provider acted (2xx).
        case done
        /// The provider had already acted on this token (Chargify's 409, Truto's replayed answer).
        case alreadyDone = "already_done"
        /// The provider answered with an error that is not a refusal (5xx, 401, 404, ...).
        case failed
        /// The provider refused (422). billtop's own refusals (read-only, allowlist, validation) send nothing
        /// and are not journalled.
        case refused

        /// Finished: the attempt will not be resumed.
        public var isFinal: Bool { self != .pending && self != .sent }
    }

    public var id: Int64
    public var sourceID: Int64
    /// The action's name (`resend_invoice`, `record_payment`, ...).
    public var kind: String
    /// "invoice", "subscription" or "customer".
    public var objectKind: String
    /// The object's id at the provider (an invoice uid, a subscription id); "" for a customer being created.
    public var objectID: String
    /// The customer the action concerns (the provider's id), for the audit by customer.
    public var customerID: String?
    /// The parameters as JSON text: never a key.
    public var parameters: String
    /// The `uniqueness_token` / `Idempotency-Key` every send of this attempt carries.
    public var token: String
    /// OS user and host that made the attempt.
    public var who: String
    public var host: String
    /// Milliseconds since 1970 (UTC).
    public var createdAt: Int64
    public var sentAt: Int64?
    public var finishedAt: Int64?
    /// How many times the request was sent with this token (2 after a resumed attempt).
    public var sends: Int
    public var state: State
    public var providerStatus: Int?
    /// Sanitised by the caller (`TextSanitizer.clean`) and free of secrets.
    public var message: String
    public var durationMs: Int?

    public init(
        id: Int64, sourceID: Int64, kind: String, objectKind: String, objectID: String, customerID: String?,
        parameters: String, token: String, who: String, host: String, createdAt: Int64, sentAt: Int64? = nil,
        finishedAt: Int64? = nil, sends: Int = 0, state: State = .pending, providerStatus: Int? = nil,
        message: String = "", durationMs: Int? = nil
    ) {
        self.id = id
        self.sourceID = sourceID
        self.kind = kind
        self.objectKind = objectKind
        self.objectID = objectID
        self.customerID = customerID
        self.parameters = parameters
        self.token = token
        self.who = who
        self.host = host
        self.createdAt = createdAt
        self.sentAt = sentAt
        self.finishedAt = finishedAt
        self.sends = sends
        self.state = state
        self.providerStatus = providerStatus
        self.message = message
        self.durationMs = durationMs
    }
}
