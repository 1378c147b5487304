import BillingCore
import Foundation

/// Who may act on which source, as the dashboard learned it at start: a source with no key (or none set up)
/// is unavailable as a whole; read-only and a source's allowlist make single actions unavailable. A value, so
/// the reducer stays pure and the menu shows each refusal beside its entry before anything is tried.
public struct ActionAvailability: Sendable, Equatable {
    /// Why a whole source cannot act (no key, the demo without a server), by source name.
    public var sourceReasons: [String: String]
    /// Why one action is refused on a source (read-only, not in `actions = [...]`), by source name.
    public var kindReasons: [String: [ActionKind: String]]
    /// The line for a source the dashboard was given no setup for at all.
    public var fallback: String?
    /// Why no CRM write can be made here (no GHL location with a token, read-only); nil when they may.
    public var crmReason: String?
    /// True on a team store: an action becomes a request that `billtop serve` performs with the team's key, so
    /// the form says who sends it and that closing this screen does not stop it.
    public var performedByServe: Bool

    public init(
        sourceReasons: [String: String] = [:], kindReasons: [String: [ActionKind: String]] = [:],
        fallback: String? = nil, crmReason: String? = nil, performedByServe: Bool = false
    ) {
        self.sourceReasons = sourceReasons
        self.kindReasons = kindReasons
        self.fallback = fallback
        self.crmReason = crmReason
        self.performedByServe = performedByServe
    }

    /// No action can be taken: the dashboard was opened without an action desk (tests, benchmarks).
    public static let none = ActionAvailability(
        fallback: "actions are not set up in this dashboard; use the shell's `billtop invoice|subscription|customer`",
        crmReason: "CRM writes are not set up in this dashboard; use the shell's `billtop crm note|task`")

    /// Why `kind` cannot be done on `source`, or nil when it may.
    public func reason(_ kind: ActionKind, source: String) -> String? {
        if let reason = sourceReasons[source] { return reason }
        if let reason = kindReasons[source]?[kind] { return reason }
        if kindReasons[source] == nil, let fallback { return fallback }  // a source the desk has no key for
        return nil
    }
}
