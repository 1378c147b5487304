/// What a viewer asks for: the columns of `action_request` its role may insert (`viewerRequestColumns`).
/// Who asked is not among them: the database records the session's role.
public struct ActionRequestDraft: Sendable, Equatable {
    public let sourceID: Int64
    public let kind: String
    public let objectKind: String
    public let objectID: String
    public let customerID: String?
    public let parameters: String
    /// A fresh token (16-128 characters): the exactly-once key every attempt at this request carries.
    public let token: String
    public let host: String

    public init(
        sourceID: Int64, kind: String, objectKind: String, objectID: String, customerID: String?, parameters: String,
        token: String, host: String
    ) {
        self.sourceID = sourceID
        self.kind = kind
        self.objectKind = objectKind
        self.objectID = objectID
        self.customerID = customerID
        self.parameters = parameters
        self.token = token
        self.host = host
    }
}
