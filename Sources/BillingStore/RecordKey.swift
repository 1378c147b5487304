/// A record's identity in the store: the source it came from and that source's own id for it.
public struct RecordKey: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The store's id of the source (see `SourceInfo.id`).
    public var sourceID: Int64
    /// The remote system's id (Chargify customer id, invoice `uid`, ...).
    public var remoteID: String

    public init(sourceID: Int64, remoteID: String) {
        self.sourceID = sourceID
        self.remoteID = remoteID
    }

    public var description: String { "\(sourceID):\(remoteID)" }
}
