import BillingStore

/// What one attempt came to, for the shell's line, `--json` and (next) the TUI's status line.
public struct ActionResult: Sendable {
    /// The journal row as finished (or left `sent` when the outcome is unknown).
    public var entry: ActionJournalEntry
    public var outcome: ActionOutcome
    /// True when this attempt reused the token of an earlier one that was sent and never answered.
    public var resumed: Bool
    /// What the targeted re-read did ("re-read invoice 1042"), or why it could not.
    public var reread: String?

    public init(entry: ActionJournalEntry, outcome: ActionOutcome, resumed: Bool, reread: String?) {
        self.entry = entry
        self.outcome = outcome
        self.resumed = resumed
        self.reread = reread
    }

    /// Done or already done: the provider holds the change.
    public var succeeded: Bool { outcome.state == .done || outcome.state == .alreadyDone }
}
