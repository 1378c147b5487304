import BillingCore
import BillingSync

/// Who may act where: `read_only = true` on a source, the global `--read-only` / `BILLTOP_READ_ONLY=1`, and a
/// source's allowlist (`actions = [...]`). Checked before anything is journalled or sent.
public struct ActionPolicy: Sendable, Equatable {
    /// Why every action is refused globally ("--read-only is set"), or nil.
    public var globalReadOnly: String?

    public init(globalReadOnly: String? = nil) {
        self.globalReadOnly = globalReadOnly
    }

    /// The global switch from the command line and the environment.
    public static func from(flag: Bool, environment: [String: String]) -> ActionPolicy {
        if flag { return ActionPolicy(globalReadOnly: "--read-only is set") }
        if let value = environment["BILLTOP_READ_ONLY"], !["", "0", "false", "no"].contains(value.lowercased()) {
            return ActionPolicy(globalReadOnly: "BILLTOP_READ_ONLY=\(TextSanitizer.clean(value)) is set")
        }
        return ActionPolicy()
    }

    /// Why `kind` is unavailable on `source` (one line: what blocks it and where to change that), or nil when
    /// it is allowed. The TUI's menu shows the same line beside an unavailable entry.
    public func unavailability(_ kind: ActionKind, on source: SourceConfig) -> String? {
        let name = TextSanitizer.clean(source.name)
        if let globalReadOnly {
            return "read-only: \(globalReadOnly), so no action is sent (unset it to act)"
        }
        if source.readOnly {
            return "read-only: source \(name) has read_only = true in config.toml, so no action is sent"
        }
        if let allowed = source.allowedActions, !allowed.contains(kind) {
            let names = allowed.map(\.rawValue).sorted().joined(separator: ", ")
            return "source \(name) allows only \(names.isEmpty ? "no actions" : names) (actions in config.toml); "
                + "\(kind.rawValue) was not sent"
        }
        return nil
    }

    public func check(_ kind: ActionKind, on source: SourceConfig) throws(ActionProblem) {
        if let reason = unavailability(kind, on: source) { throw ActionProblem(reason) }
    }
}
