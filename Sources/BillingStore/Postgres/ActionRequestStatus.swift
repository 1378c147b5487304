/// A request row as a viewer reads it back: still open (`requested`, `running`) or finished with its outcome.
public struct ActionRequestStatus: Sendable, Equatable {
    public let id: Int64
    public let state: String
    public let outcome: String
    public let providerStatus: Int?
    public let journalID: Int64?
    public let requestedBy: String
    public let token: String

    public init(
        id: Int64, state: String, outcome: String, providerStatus: Int?, journalID: Int64?, requestedBy: String,
        token: String
    ) {
        self.id = id
        self.state = state
        self.outcome = outcome
        self.providerStatus = providerStatus
        self.journalID = journalID
        self.requestedBy = requestedBy
        self.token = token
    }

    /// True once serve has written an outcome.
    public var isFinished: Bool { state != "requested" && state != "running" }
}
