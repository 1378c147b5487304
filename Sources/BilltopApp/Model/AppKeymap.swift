import TUIKit

/// The one keymap table. The dispatcher, the footer, the `?` overlay and docs/KEYBINDINGS.md all read it.
///
/// Contexts are `KeyContext` raw values; lookups walk the state's active contexts, most specific first, so
/// while typing a search no global key (like `q`) can fire.
public enum AppKeymap {
    static func bind(
        _ keys: [KeyEvent], _ command: Command, _ context: KeyContext, _ help: String, footer: Bool = false
    ) -> KeyBinding<Command> {
        KeyBinding(keys, command, name: command.rawValue, help: help, context: context.rawValue, inFooter: footer)
    }

    /// Every binding.
    public static let table = Keymap<Command>([
        // Typing a search: characters are typed; these keys edit or leave.
        bind([.enter], .acceptSearch, .search, "keep results (open if one)", footer: true),
        bind([.escape], .cancelSearch, .search, "clear search", footer: true),
        bind([.down], .down, .search, "next result", footer: true),
        bind([.up], .up, .search, "previous result"),
        bind([.backspace], .deleteBackward, .search, "delete a character"),
        bind([.ctrl("u")], .clearSearch, .search, "clear the text"),
        bind([.ctrl("w")], .deleteWord, .search, "delete a word"),
        bind([.ctrl("c")], .quit, .search, "quit"),
        // Acting on an account: the menu (one key per action), the form, the confirmation, the outcome.
        bind([.char("r")], .actResend, .actionMenu, "resend the invoice"),
        bind([.char("p")], .actPay, .actionMenu, "record a payment on the invoice"),
        bind([.char("u")], .actCardUpdate, .actionMenu, "send the card-update e-mail"),
        bind([.char("n")], .actNote, .actionMenu, "add a note to the subscription"),
        bind([.char("t")], .actRetry, .actionMenu, "retry the failed payment"),
        bind([.char("d")], .actCancelDunning, .actionMenu, "stop dunning"),
        bind([.char("h")], .actPause, .actionMenu, "pause (hold) the subscription"),
        bind([.char("m")], .actResume, .actionMenu, "resume the subscription"),
        bind([.char("c")], .actCancelAtPeriodEnd, .actionMenu, "cancel at the period's end"),
        bind([.char("z")], .actUndoCancel, .actionMenu, "undo the cancellation"),
        bind([.char("v")], .actReactivate, .actionMenu, "reactivate the subscription"),
        bind([.char("o")], .actCoupon, .actionMenu, "apply a coupon"),
        bind([.char("l")], .actPortalLink, .actionMenu, "show the billing-portal link (a read: nothing changes)"),
        bind([.char("g")], .actCRMNote, .actionMenu, "add a note to the customer's CRM (GHL) contact"),
        bind([.char("k")], .actCRMTask, .actionMenu, "add a CRM task for the contact's owner"),
        bind([.char("x")], .actCRMCompleteTask, .actionMenu, "complete one of the contact's open CRM tasks"),
        bind([.char("b")], .actCRMLink, .actionMenu, "link the customer to another CRM contact, or unlink it"),
        bind([.tab], .nextSubscription, .actionMenu, "next subscription", footer: true),
        bind([.escape, .char("q")], .closeAction, .actionMenu, "close the menu", footer: true),
        bind([.enter], .reviewAction, .actionForm, "review before sending", footer: true),
        bind([.tab], .nextField, .actionForm, "next field", footer: true),
        bind([.backspace], .deleteCharacter, .actionForm, "delete a character"),
        bind([.ctrl("u")], .clearField, .actionForm, "clear the field"),
        bind([.escape], .closeAction, .actionForm, "cancel (send nothing)", footer: true),
        bind([.char("y")], .confirmAction, .actionReview, "send it", footer: true),
        bind([.char("e")], .editAction, .actionReview, "edit the fields", footer: true),
        bind([.escape, .char("n")], .closeAction, .actionReview, "cancel (send nothing)", footer: true),
        bind([.ctrl("c")], .quit, .actionSending, "quit (the attempt is resumed at the next start)"),
        bind([.enter, .escape], .closeAction, .actionResult, "close", footer: true),
        // The help overlay.
        bind([.escape, .char("?"), .char("q")], .closeOverlay, .overlay, "close help", footer: true),
        // The customer screen and the log view.
        bind([.escape], .back, .customerScreen, "back", footer: true),
        bind([.char("i")], .customerInvoices, .customerScreen, "this customer's invoices", footer: true),
        bind([.char("a")], .act, .customerScreen, "actions menu", footer: true),
        bind([.escape, .char("L")], .back, .logView, "back", footer: true),
        // Panes.
        bind([.char("/")], .search, .dashboard, "search customers", footer: true),
        bind([.tab], .nextPane, .dashboard, "next pane", footer: true),
        bind([.backTab], .previousPane, .dashboard, "previous pane"),
        bind([.enter], .open, .dashboard, "open customer", footer: true),
        bind([.char("a")], .act, .dashboard, "actions menu", footer: true),
        bind([.char("s")], .sort, .customers, "sort by next column", footer: true),
        bind([.char("S")], .reverseSort, .customers, "reverse sort"),
        bind([.char("N")], .newCustomer, .customers, "new customer (created at the provider)"),
        bind([.char("s")], .sort, .invoices, "sort by next column", footer: true),
        bind([.char("S")], .reverseSort, .invoices, "reverse sort"),
        bind([.char("f")], .statusFilter, .invoices, "filter by status", footer: true),
        bind([.char("d")], .dateRange, .invoices, "filter by issue date"),
        bind([.char("c")], .customerFilter, .invoices, "only this customer / all"),
        // Lists.
        bind([.char("j"), .down], .down, .list, "down"),
        bind([.char("k"), .up], .up, .list, "up"),
        bind([.pageDown, .ctrl("f")], .pageDown, .list, "page down"),
        bind([.pageUp, .ctrl("b")], .pageUp, .list, "page up"),
        bind([.char("g"), .home], .top, .list, "first row"),
        bind([.char("G"), .end], .bottom, .list, "last row"),
        // Everywhere. The tab bar is on every screen, so its numbers work on every screen.
        bind([.char("1")], .showCustomers, .global, "customers pane"),
        bind([.char("2")], .showInvoices, .global, "invoices pane"),
        bind([.char("3")], .showDunning, .global, "dunning pane"),
        bind([.char("4")], .showMRR, .global, "MRR pane"),
        bind([.char("e")], .export, .global, "export view to CSV", footer: true),
        bind([.char("r")], .refresh, .global, "refresh now", footer: true),
        bind([.char("L")], .log, .global, "sync screen: each source's health, then the log"),
        bind([.char("?")], .help, .global, "help", footer: true),
        bind([.char("q"), .ctrl("c")], .quit, .global, "quit", footer: true),
    ])

    /// All bindings in table order.
    public static var entries: [KeyBinding<Command>] { table.bindings }

    /// The command a key runs in the active contexts (most specific first), or nil.
    public static func command(for key: KeyEvent, in contexts: [KeyContext]) -> Command? {
        for context in contexts {
            if let hit = entries.first(where: { $0.context == context.rawValue && $0.keys.contains(key) }) {
                return hit.action
            }
        }
        return nil
    }

    /// The bindings in force in `contexts`, keys shadowed by a more specific binding removed.
    public static func active(in contexts: [KeyContext]) -> [KeyBinding<Command>] {
        var taken: Set<KeyEvent> = []
        var result: [KeyBinding<Command>] = []
        for context in contexts {
            for entry in entries where entry.context == context.rawValue {
                let keys = entry.keys.filter { !taken.contains($0) }
                guard !keys.isEmpty else { continue }
                var copy = entry
                copy.keys = keys
                result.append(copy)
            }
            for entry in entries where entry.context == context.rawValue { taken.formUnion(entry.keys) }
        }
        return result
    }

    /// What the footer shows in `contexts`: the essentials, one per command.
    public static func footer(in contexts: [KeyContext]) -> [KeyBinding<Command>] {
        var seen: Set<Command> = []
        return active(in: contexts).filter { $0.inFooter && seen.insert($0.action).inserted }
    }
}
