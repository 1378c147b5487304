import Testing

@testable import TUIKit

@Suite struct KeymapTests {
    enum Action: Hashable, Sendable { case quit, search, open, down, filter, cancel }

    static let keymap = Keymap<Action>([
        KeyBinding([.char("q")], .quit, name: "quit", help: "quit billtop"),
        KeyBinding([.char("/")], .search, name: "search", help: "search customers", context: "customers"),
        KeyBinding([.enter], .open, name: "open", help: "open the customer"),
        KeyBinding([.char("j"), .down], .down, name: "down", help: "next row", inFooter: false),
        KeyBinding([.char("f")], .filter, name: "filter", help: "filter | status", context: "invoices"),
        KeyBinding([.escape], .cancel, name: "cancel", help: "leave search", context: "search"),
        KeyBinding([.char("q")], .cancel, name: "cancel", help: "q types q in search", context: "search"),
    ])

    @Test func dispatchPrefersTheMostSpecificContext() {
        #expect(Self.keymap.action(for: .char("q"), in: ["customers"]) == .quit)
        #expect(Self.keymap.action(for: .char("q"), in: ["search", "customers"]) == .cancel)
        #expect(Self.keymap.action(for: .down, in: ["invoices"]) == .down)
        #expect(Self.keymap.action(for: .char("f"), in: ["customers"]) == nil)
        #expect(Self.keymap.action(for: .char("f"), in: ["invoices"]) == .filter)
    }

    @Test func footerHintsFollowContextAndSkipHidden() {
        let hints = Self.keymap.hints(in: ["customers"])
        #expect(hints.map(\.key) == ["/", "q", "Enter"])
        #expect(hints.map(\.text) == ["search", "quit", "open"])
    }

    @Test func conflictsAreFound() {
        #expect(Self.keymap.conflicts.isEmpty)
        let bad = Keymap<Action>([
            KeyBinding([.char("q")], .quit, name: "quit", help: ""),
            KeyBinding([.char("q")], .open, name: "open", help: ""),
        ])
        #expect(bad.conflicts.count == 1)
    }

    @Test func markdownListsEveryBindingAndEscapesPipes() {
        let doc = Self.keymap.markdown()
        #expect(doc.contains("## global"))
        #expect(doc.contains("| `j` `↓` | down | next row |"))
        #expect(doc.contains("filter \\| status"))
    }

    @Test(arguments: [
        ("q", KeyEvent.char("q")), ("C-a", .ctrl("a")), ("ctrl-w", .ctrl("w")), ("^k", .ctrl("k")), ("Enter", .enter),
        ("esc", .escape), ("F5", .function(5)), ("PgDn", .pageDown), ("S-Tab", .backTab), ("Space", .char(" ")),
        ("↑", .up),
    ])
    func labelsRoundTrip(label: String, key: KeyEvent) {
        #expect(KeyEvent(label: label) == key)
        #expect(KeyEvent(label: key.label) == key)
    }

    @Test func badLabelsAreRejected() {
        #expect(KeyEvent(label: "C-ab") == nil)
        #expect(KeyEvent(label: "F99") == nil)
        #expect(KeyEvent(label: "\u{1B}") == nil)
        #expect(KeyEvent(label: "banana") == nil)
    }

    @Test func controlBytesMapToNamedKeys() {
        #expect(KeyEvent.fromControl(0x01) == .ctrl("a"))
        #expect(KeyEvent.fromControl(0x17) == .ctrl("w"))
        #expect(KeyEvent.fromControl(0x0D) == .enter)
        #expect(KeyEvent.fromControl(0x09) == .tab)
        #expect(KeyEvent.fromControl(0x7F) == .backspace)
        #expect(KeyEvent.fromControl(0x1B) == .escape)
    }
}
