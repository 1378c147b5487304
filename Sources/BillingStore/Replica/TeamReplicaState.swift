/// How far a viewer's copy has read its team store (`team_replica`): which store, the last change number every
/// table is caught up to, and within the round under way, each table's last row.
public struct TeamReplicaState: Sendable, Equatable, Codable {
    /// The team store's creation time (`PostgresStore.identity`).
    public var identity: String
    /// Host, port and database of the team store, for messages.
    public var origin: String
    /// Every change up to this number is in the copy (-1: nothing copied yet).
    public var appliedSeq: Int64
    /// Per table (`PostgresStore.ReplicaTable.rawValue`): the last row applied in the round under way, so a copy
    /// stopped halfway through its first minutes-long round goes on from there.
    public var cursors: [String: ChangedRows.Cursor]
    /// The last line of the fetcher's log copied.
    public var logID: Int64
    /// When the copy last recorded where it stands (seconds since 1970; nil before it has).
    public var updatedAt: Int64?

    public init(identity: String, origin: String) {
        self.identity = identity
        self.origin = origin
        appliedSeq = -1
        cursors = [:]
        logID = 0
    }

    /// Where the next read of `table` continues.
    func cursor(_ table: PostgresStore.ReplicaTable) -> ChangedRows.Cursor {
        cursors[table.rawValue] ?? ChangedRows.Cursor(seq: appliedSeq, id: Int64.max)
    }
}
