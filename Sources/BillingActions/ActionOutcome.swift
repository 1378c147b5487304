import BillingCore
import BillingStore
import BillingSync
import Foundation

/// How a provider's answer to an action reads: done, already done, refused (its messages, sanitised and
/// verbatim), failed, or unknown (the attempt stays `sent` and the next one reuses its token).
public struct ActionOutcome: Sendable, Equatable {
    public var state: ActionJournalEntry.State
    public var status: Int?
    /// One line, sanitised.
    public var message: String

    public init(state: ActionJournalEntry.State, status: Int?, message: String) {
        self.state = state
        self.status = status
        self.message = message
    }

    /// Truto's header on a replayed `Idempotency-Key` (as the sandbox sends it; Truto's own is not confirmed).
    public static let replayedHeader = "idempotent-replayed"

    public static func classify(_ response: HTTPResponse, kind: ActionKind, route: SourceConfig.Kind) -> ActionOutcome {
        let status = response.status
        let parsed = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        switch status {
        case 200..<300:
            if response.headers[replayedHeader]?.lowercased() == "true" {
                return ActionOutcome(
                    state: .alreadyDone, status: status,
                    message: "already done: the proxy replayed the first answer to this token")
            }
            return ActionOutcome(state: .done, status: status, message: "done")
        case 409:
            // Chargify's 409 is "this uniqueness_token was already made": the first send acted. Through Truto,
            // only the provider's 409 (a remote error) says that; Truto's own 409 means the first request with
            // this key is still being processed, so the outcome is not known yet.
            if route == .truto, parsed?["truto_is_remote_error"] as? Bool != true {
                return ActionOutcome(
                    state: .sent, status: status,
                    message: "the first request with this token is still being processed; run the same command again "
                        + "in a minute (it reuses the token)")
            }
            return ActionOutcome(
                state: .alreadyDone, status: status,
                message: "already done: the provider had this token (409), so nothing was done twice")
        case 422:
            var message = "refused by the provider (422): " + messages(parsed, route: route)
            if kind == .cardUpdateEmail {
                message += " (Maxio sends at most 5 card-update e-mails for one subscription in 30 minutes)"
            }
            return ActionOutcome(state: .refused, status: status, message: message)
        case 500..<600:
            // The provider may have acted before failing: keep the token for the next attempt.
            return ActionOutcome(
                state: .sent, status: status,
                message: "the provider answered \(status); it may or may not have "
                    + "acted: run the same command again (it reuses the token, so nothing happens twice)")
        case 401, 403:
            return ActionOutcome(
                state: .failed, status: status,
                message: "the provider refused the key (\(status)); check the source's key and its permissions")
        case 404:
            return ActionOutcome(
                state: .failed, status: status, message: "not found at the provider (404); sync, then check the id")
        case 429:
            return ActionOutcome(
                state: .failed, status: status, message: "rate limited (429); nothing was done: try again in a minute")
        default:
            let text = messages(parsed, route: route)
            return ActionOutcome(
                state: .failed, status: status,
                message: "the provider answered \(status)" + (text.isEmpty ? "" : ": " + text))
        }
    }

    /// The provider's messages: Chargify's `errors` list (strings or objects with `message`), Truto's
    /// `message`; each through `TextSanitizer.clean`, joined, at most 500 characters.
    static func messages(_ parsed: [String: Any]?, route: SourceConfig.Kind) -> String {
        var found: [String] = []
        if let errors = parsed?["errors"] as? [Any] {
            for error in errors {
                if let text = error as? String {
                    found.append(text)
                } else if let text = (error as? [String: Any])?["message"] as? String {
                    found.append(text)
                }
            }
        } else if let text = parsed?["errors"] as? String {
            found.append(text)
        }
        if found.isEmpty, let text = parsed?["message"] as? String { found.append(text) }
        if found.isEmpty { return "no reason given" }
        let joined = TextSanitizer.clean(found.joined(separator: " "))
        return joined.count > 500 ? String(joined.prefix(500)) + "…" : joined
    }
}
