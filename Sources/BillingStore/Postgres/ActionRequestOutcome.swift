/// What became of a request, as serve writes it back and the viewer who asked reads it.
public struct ActionRequestOutcome: Sendable, Equatable {
    /// The request row's final states (`action_request.state`'s check allows these and the two open ones).
    public enum State: String, Sendable {
        case succeeded, failed, refused
    }

    public let state: State
    /// One line for the viewer, as the SQLite path prints it (`ActionResult.line`); sanitised by the writer.
    public let message: String
    /// The provider's HTTP status, when it answered.
    public let providerStatus: Int?
    /// The journal row of the attempt, when one was made.
    public let journalID: Int64?
    /// What serve's log says of it: the message, unless the message is a credential (a billing-portal link).
    public let logMessage: String

    public init(
        state: State, message: String, providerStatus: Int? = nil, journalID: Int64? = nil, logMessage: String? = nil
    ) {
        self.state = state
        self.message = message
        self.logMessage = logMessage ?? message
        self.providerStatus = providerStatus
        self.journalID = journalID
    }
}
