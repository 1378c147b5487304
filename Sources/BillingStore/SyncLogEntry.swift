/// One line of the sync log: a run starting or ending, a request, an error, or a rate-limit wait.
public struct SyncLogEntry: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        case runStart = "run_start", runEnd = "run_end", request, error, rateLimitWait = "rate_limit_wait", retry
        case info
    }

    /// A line about a record the sync could not take as it came, counted by `billtop sync`'s summary.
    public enum RecordIssue: String, Sendable, Codable {
        /// A record kept with fields that failed to decode (its `flags`).
        case flagged
        /// Elements dropped without a usable id; `records` says how many.
        case skipped
    }

    public var sourceID: Int64?
    public var stream: String?
    /// Seconds since 1970 (UTC).
    public var at: Int64
    public var kind: Kind
    /// HTTP status, when the entry is about a response.
    public var status: Int?
    public var durationMs: Int?
    public var records: Int?
    /// Already sanitised and free of secrets.
    public var message: String
    /// Set on the lines about flagged or skipped records (column `record_issue`), nil on every other line.
    public var recordIssue: RecordIssue?

    public init(
        sourceID: Int64?, stream: String?, at: Int64, kind: Kind, status: Int? = nil, durationMs: Int? = nil,
        records: Int? = nil, message: String, recordIssue: RecordIssue? = nil
    ) {
        self.sourceID = sourceID
        self.stream = stream
        self.at = at
        self.kind = kind
        self.status = status
        self.durationMs = durationMs
        self.records = records
        self.message = message
        self.recordIssue = recordIssue
    }
}
