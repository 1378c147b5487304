/// The one keymap table. The dispatcher, the footer, the `?` overlay and docs/KEYBINDINGS.md all read it.
public enum Keymap {
    /// Every binding, most specific contexts first so they win over global ones.
    public static let entries: [KeymapEntry] = [
        // Typing a search: characters are typed; these keys edit or leave.
        KeymapEntry([.enter], .acceptSearch, .search, "keep results", footer: true),
        KeymapEntry([.escape], .cancelSearch, .search, "clear search", footer: true),
        KeymapEntry([.down], .down, .search, "next result", footer: true),
        KeymapEntry([.up], .up, .search, "previous result"),
        KeymapEntry([.backspace], .deleteBackward, .search, "delete a character"),
        KeymapEntry([.ctrl("u")], .clearSearch, .search, "clear the text"),
        KeymapEntry([.ctrl("w")], .deleteWord, .search, "delete a word"),
        KeymapEntry([.ctrl("c")], .quit, .search, "quit"),
        // The help overlay.
        KeymapEntry([.escape, .char("?"), .char("q")], .closeOverlay, .overlay, "close help", footer: true),
        // The customer screen and the log view.
        KeymapEntry([.escape], .back, .customerScreen, "back", footer: true),
        KeymapEntry([.char("i")], .customerInvoices, .customerScreen, "this customer's invoices", footer: true),
        KeymapEntry([.escape, .char("L")], .back, .logView, "back", footer: true),
        // Panes.
        KeymapEntry([.char("/")], .search, .dashboard, "search customers", footer: true),
        KeymapEntry([.tab], .nextPane, .dashboard, "next pane", footer: true),
        KeymapEntry([.backTab], .previousPane, .dashboard, "previous pane"),
        KeymapEntry([.char("1")], .showCustomers, .dashboard, "customers pane"),
        KeymapEntry([.char("2")], .showInvoices, .dashboard, "invoices pane"),
        KeymapEntry([.char("3")], .showDunning, .dashboard, "dunning pane"),
        KeymapEntry([.char("4")], .showMRR, .dashboard, "MRR pane"),
        KeymapEntry([.enter], .open, .dashboard, "open customer", footer: true),
        KeymapEntry([.char("s")], .sort, .customers, "sort by next column", footer: true),
        KeymapEntry([.char("S")], .reverseSort, .customers, "reverse sort"),
        KeymapEntry([.char("s")], .sort, .invoices, "sort by next column", footer: true),
        KeymapEntry([.char("S")], .reverseSort, .invoices, "reverse sort"),
        KeymapEntry([.char("f")], .statusFilter, .invoices, "filter by status", footer: true),
        KeymapEntry([.char("d")], .dateRange, .invoices, "filter by issue date"),
        KeymapEntry([.char("c")], .customerFilter, .invoices, "only this customer / all"),
        // Lists.
        KeymapEntry([.char("j"), .down], .down, .list, "down"),
        KeymapEntry([.char("k"), .up], .up, .list, "up"),
        KeymapEntry([.pageDown, .ctrl("f")], .pageDown, .list, "page down"),
        KeymapEntry([.pageUp, .ctrl("b")], .pageUp, .list, "page up"),
        KeymapEntry([.char("g"), .home], .top, .list, "first row"),
        KeymapEntry([.char("G"), .end], .bottom, .list, "last row"),
        // Everywhere.
        KeymapEntry([.char("e")], .export, .global, "export view to CSV", footer: true),
        KeymapEntry([.char("r")], .refresh, .global, "refresh now", footer: true),
        KeymapEntry([.char("L")], .log, .global, "log view"),
        KeymapEntry([.char("?")], .help, .global, "help", footer: true),
        KeymapEntry([.char("q"), .ctrl("c")], .quit, .global, "quit", footer: true),
    ]

    /// The command a key runs in the given active contexts, or nil (in search mode: type the character).
    public static func command(for key: AppKey, in contexts: Set<KeyContext>) -> Command? {
        entries.first { contexts.contains($0.context) && $0.keys.contains(key) }?.command
    }

    /// The bindings active in `contexts`, with keys already taken by a more specific binding removed.
    public static func active(in contexts: Set<KeyContext>) -> [KeymapEntry] {
        var taken: Set<AppKey> = []
        var result: [KeymapEntry] = []
        for entry in entries where contexts.contains(entry.context) {
            let keys = entry.keys.filter { !taken.contains($0) }
            taken.formUnion(entry.keys)
            guard !keys.isEmpty else { continue }
            var copy = entry
            copy.keys = keys
            result.append(copy)
        }
        return result
    }

    /// What the footer shows in `contexts`: the essentials, one per command.
    public static func footer(in contexts: Set<KeyContext>) -> [KeymapEntry] {
        var seen: Set<Command> = []
        return active(in: contexts).filter { $0.inFooter && seen.insert($0.command).inserted }
    }
}
