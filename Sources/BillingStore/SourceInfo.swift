/// A configured source (one billing account) as registered in the store.
public struct SourceInfo: Hashable, Sendable, Codable {
    /// The store's id for the source; part of every `RecordKey`.
    public var id: Int64
    /// The config name ("acme").
    public var name: String
    /// "chargify" or "truto".
    public var kind: String
    /// Base URL (never carries a key).
    public var baseURL: String
    /// Truto integrated account id, or "" for Chargify.
    public var account: String

    public init(id: Int64, name: String, kind: String, baseURL: String, account: String) {
        self.id = id
        self.name = name
        self.kind = kind
        self.baseURL = baseURL
        self.account = account
    }
}
