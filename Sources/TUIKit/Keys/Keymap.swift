/// The single keymap table and the queries the dispatcher, footer, help overlay and docs make of it.
public struct Keymap<Action: Hashable & Sendable>: Sendable {
    public private(set) var bindings: [KeyBinding<Action>]

    public init(_ bindings: [KeyBinding<Action>]) {
        self.bindings = bindings
    }

    /// The action for `key` in the active contexts, most specific first; global bindings apply last.
    public func action(for key: KeyEvent, in contexts: [String]) -> Action? {
        for context in contexts + [KeyBinding<Action>.global] {
            if let hit = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) {
                return hit.action
            }
        }
        return nil
    }

    /// The bindings visible in the given contexts (specific ones first), one per action, for footer/help.
    public func bindings(in contexts: [String]) -> [KeyBinding<Action>] {
        var seen = Set<Action>()
        var out: [KeyBinding<Action>] = []
        for context in contexts + [KeyBinding<Action>.global] {
            for binding in bindings where binding.context == context && !seen.contains(binding.action) {
                seen.insert(binding.action)
                out.append(binding)
            }
        }
        return out
    }

    /// Footer hints for the given contexts.
    public func hints(in contexts: [String]) -> [KeyHint] {
        bindings(in: contexts).filter(\.inFooter).map { KeyHint(key: $0.keys.first?.label ?? "", text: $0.name) }
    }

    /// Keys bound twice in the same context: a keymap with conflicts is a bug a test should catch.
    public var conflicts: [(context: String, key: KeyEvent)] {
        var seen = Set<String>()
        var out: [(String, KeyEvent)] = []
        for binding in bindings {
            for key in binding.keys {
                let id = "\(binding.context)\u{0}\(key)"
                if !seen.insert(id).inserted { out.append((binding.context, key)) }
            }
        }
        return out
    }

    /// docs/KEYBINDINGS.md content: one table per context, in first-appearance order.
    public func markdown(title: String = "Key bindings") -> String {
        var contexts: [String] = []
        for binding in bindings where !contexts.contains(binding.context) { contexts.append(binding.context) }
        var lines = ["# \(title)", "", "<!-- Generated from the keymap table; do not edit by hand. -->", ""]
        for context in contexts {
            lines.append("## \(context)")
            lines.append("")
            lines.append("| Keys | Action | Help |")
            lines.append("| --- | --- | --- |")
            for binding in bindings where binding.context == context {
                let keys = binding.keys.map { "`\($0.label.replacingPipes())`" }.joined(separator: " ")
                lines.append("| \(keys) | \(binding.name) | \(binding.help.replacingPipes()) |")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func replacingPipes() -> String {
        split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
}
