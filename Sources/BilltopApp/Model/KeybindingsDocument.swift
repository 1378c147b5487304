import TUIKit

/// Generates docs/KEYBINDINGS.md from the keymap, so the document cannot drift from the code.
public enum KeybindingsDocument {
    /// The full Markdown text of docs/KEYBINDINGS.md.
    public static func markdown() -> String {
        var out = "# billtop key bindings\n\n"
        out +=
            "Generated from `AppKeymap.table` (Sources/BilltopApp/Model/AppKeymap.swift); a test fails when this file is stale.\n"
        out += "Regenerate with `RECORD_SNAPSHOTS=1 swift test --filter KeybindingsDocTests`.\n"
        for context in KeyContext.allCases {
            let rows = AppKeymap.entries.filter { $0.context == context.rawValue }
            guard !rows.isEmpty else { continue }
            out += "\n## \(context.title)\n\n| keys | action |\n| --- | --- |\n"
            if context == .search { out += "| any character | type into the search |\n" }
            for row in rows {
                let keys = row.keys.map { "`\($0.label)`" }.joined(separator: " ")
                out += "| \(keys) | \(row.help) |\n"
            }
        }
        out += "\n## Mouse\n\n| input | action |\n| --- | --- |\n"
        out += "| click | focus the pane and select the row |\n| click a tab | switch pane (small terminals) |\n"
        out += "| wheel | scroll the list under the pointer |\n"
        return out
    }
}
