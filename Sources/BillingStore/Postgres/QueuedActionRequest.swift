/// A viewer's action request as `billtop serve` claimed it: what to do, who asked, and the token every attempt
/// at it carries, so a request resumed after a crash is recognised by the journal and the provider.
public struct QueuedActionRequest: Sendable, Equatable {
    public let id: Int64
    /// The database role that inserted the row (the server sets it; no viewer can name someone else).
    public let requestedBy: String
    public let host: String
    public let sourceID: Int64
    public let kind: String
    public let objectKind: String
    public let objectID: String
    public let customerID: String?
    /// The action's parameters as JSON text (`Action.parametersJSON`).
    public let parameters: String
    public let token: String
    /// True when an earlier serve claimed it and died before writing the outcome: it may have sent it.
    public let resumed: Bool
    /// Seconds since the viewer asked, by the database's clock (a read that nobody waits for any more, such as a
    /// billing-portal link asked for while no serve ran, is not worth a request to the provider).
    public let waitedSeconds: Double

    public init(
        id: Int64, requestedBy: String, host: String, sourceID: Int64, kind: String, objectKind: String,
        objectID: String, customerID: String?, parameters: String, token: String, resumed: Bool,
        waitedSeconds: Double = 0
    ) {
        self.id = id
        self.requestedBy = requestedBy
        self.host = host
        self.sourceID = sourceID
        self.kind = kind
        self.objectKind = objectKind
        self.objectID = objectID
        self.customerID = customerID
        self.parameters = parameters
        self.token = token
        self.resumed = resumed
        self.waitedSeconds = waitedSeconds
    }
}
