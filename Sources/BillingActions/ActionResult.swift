import BillingCore
import BillingStore
import Foundation

/// What one attempt came to, for the shell's line, `--json` and (next) the TUI's status line.
public struct ActionResult: Sendable {
    /// The journal row as finished (or left `sent` when the outcome is unknown).
    public var entry: ActionJournalEntry
    public var outcome: ActionOutcome
    /// True when this attempt reused the token of an earlier one that was sent and never answered.
    public var resumed: Bool
    /// What the targeted re-read did ("re-read invoice 1042"), or why it could not.
    public var reread: String?
    /// How a person names the object ("5665" for invoice inv_mr9jrs5xkj0), when it is not its id.
    public var objectLabel: String?

    public init(
        entry: ActionJournalEntry, outcome: ActionOutcome, resumed: Bool, reread: String?, objectLabel: String? = nil
    ) {
        self.entry = entry
        self.outcome = outcome
        self.resumed = resumed
        self.reread = reread
        self.objectLabel = objectLabel
    }

    /// Done or already done: the provider holds the change.
    public var succeeded: Bool { outcome.state == .done || outcome.state == .alreadyDone }

    /// One line for a person: "done: resend invoice 1042 (sent 1x, 84 ms, token 3f2a…); re-read invoice 1042".
    /// The shell prints it; the dashboard shows it in the form and the status line; serve hands it to the viewer.
    public var line: String {
        let e = entry
        let object = e.objectID.isEmpty ? "" : "\(e.objectKind) \(objectLabel ?? e.objectID)"
        let what = CRMWrite(e)?.summary ?? ActionKind(rawValue: e.kind)?.phrase(object) ?? "\(e.kind) \(object)"
        var text = "\(outcome.state.rawValue.replacingOccurrences(of: "_", with: " ")): \(what) (sent \(e.sends)x"
        if let ms = e.durationMs { text += ", \(ms) ms" }
        if resumed { text += ", resumed" }
        text += ", token \(e.token.prefix(8))…)"
        if outcome.message != "done" { text += ": " + outcome.message }
        if let reread { text += "; " + reread }
        return TextSanitizer.clean(text)
    }
}
