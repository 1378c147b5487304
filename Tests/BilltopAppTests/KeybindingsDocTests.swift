import Foundation
import TUIKit
import Testing

@testable import BilltopApp

/// docs/KEYBINDINGS.md is generated from the keymap; this fails when it is stale.
struct KeybindingsDocTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/KEYBINDINGS.md")

    @Test func documentIsCurrent() throws {
        let generated = KeybindingsDocument.markdown()
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try generated.write(to: Self.path, atomically: true, encoding: .utf8)
            return
        }
        let onDisk = try String(contentsOf: Self.path, encoding: .utf8)
        #expect(
            onDisk == generated,
            "docs/KEYBINDINGS.md is stale: run RECORD_SNAPSHOTS=1 swift test --filter KeybindingsDocTests")
    }

    @Test func footerAndHelpReadTheSameTable() {
        let contexts: [KeyContext] = [.customers, .list, .dashboard, .global]
        let footer = AppKeymap.footer(in: contexts)
        let help = AppKeymap.active(in: contexts)
        #expect(!footer.isEmpty)
        for entry in footer { #expect(help.contains { $0.action == entry.action }) }
        #expect(AppKeymap.command(for: .char("/"), in: contexts) == .search)
        #expect(AppKeymap.command(for: .enter, in: [.search]) == .acceptSearch)
    }

    @Test func noKeyIsBoundTwiceInOneContext() {
        for context in KeyContext.allCases {
            var seen: Set<KeyEvent> = []
            for entry in AppKeymap.entries where entry.context == context.rawValue {
                for key in entry.keys { #expect(seen.insert(key).inserted, "\(key) twice in \(context)") }
            }
        }
    }
}
