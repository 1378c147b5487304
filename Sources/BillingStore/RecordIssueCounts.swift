/// How many records one sync run flagged (kept with fields that failed to decode) or skipped (dropped
/// without a usable id), counted from the typed sync-log lines, never from their wording.
public struct RecordIssueCounts: Sendable, Equatable {
    /// Records kept with decode flags (one line each).
    public var flagged = 0
    /// Records dropped without an id (a line carries how many in `records`).
    public var skipped = 0
    /// The first flagged line's message, to name one example in a summary.
    public var firstFlagged: String?

    /// Counts `entries`; lines without a `recordIssue` are ignored whatever they say.
    public init(_ entries: [SyncLogEntry]) {
        for entry in entries {
            switch entry.recordIssue {
            case .flagged:
                flagged += 1
                if firstFlagged == nil { firstFlagged = entry.message }
            case .skipped: skipped += entry.records ?? 1
            case nil: break
            }
        }
    }
}
