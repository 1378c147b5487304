/// What the fetcher reports while it runs (for a progress bar, the status pane, or log lines).
public enum SyncProgress: Sendable, Hashable {
    /// A stream started a run (`full` = complete listing).
    case streamStarted(source: String, stream: String, full: Bool)
    /// A page was committed: records in it, and totals so far for the stream's run.
    case page(source: String, stream: String, records: Int, totalRecords: Int, pages: Int)
    /// A request is being retried after `seconds`.
    case retrying(source: String, reason: String, seconds: Double)
    /// The source is paused by a rate limit for `seconds`.
    case rateLimited(source: String, seconds: Double)
    /// A stream finished its run.
    case streamFinished(source: String, stream: String, records: Int, requests: Int, tombstoned: Int)
    /// A stream stopped with an error (sanitised).
    case streamFailed(source: String, stream: String, message: String)
    /// Every stream of every source was attempted; `ok` when all finished.
    case runFinished(ok: Bool)
}
