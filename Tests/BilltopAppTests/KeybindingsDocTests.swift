import Foundation
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
        #expect(onDisk == generated, "docs/KEYBINDINGS.md is stale: run RECORD_SNAPSHOTS=1 swift test --filter KeybindingsDocTests")
    }

    @Test func footerAndHelpReadTheSameTable() {
        let contexts: Set<KeyContext> = [.global, .dashboard, .list, .customers]
        let footer = Keymap.footer(in: contexts)
        let help = Keymap.active(in: contexts)
        #expect(!footer.isEmpty)
        for entry in footer { #expect(help.contains { $0.command == entry.command }) }
        #expect(Keymap.command(for: .char("/"), in: contexts) == .search)
        #expect(Keymap.command(for: .enter, in: [.search]) == .acceptSearch)
    }

    @Test func noKeyIsBoundTwiceInOneContext() {
        for context in KeyContext.allCases {
            var seen: Set<AppKey> = []
            for entry in Keymap.entries where entry.context == context {
                for key in entry.keys { #expect(seen.insert(key).inserted, "\(key) twice in \(context)") }
            }
        }
    }
}
