/// One committed change of a team store: a `change_log` row. The NOTIFY that announces it carries only `seq`;
/// what changed is read from the log, so a notification is only a wake-up and a forged one reveals nothing.
public struct PostgresChange: Sendable, Equatable {
    public let seq: Int64
    /// What changed: a stream (`customers`, `invoices`, ...) or `action_request`.
    public let what: String
    public let sourceID: Int64?
    public let rows: Int64

    public init(seq: Int64, what: String, sourceID: Int64?, rows: Int64) {
        self.seq = seq
        self.what = what
        self.sourceID = sourceID
        self.rows = rows
    }
}
