/// One row of the keymap table: the keys, the action they trigger, the help text and where they work.
///
/// The app keeps one `[KeyBinding<Action>]`; the dispatcher, the footer, the `?` overlay and the generated
/// docs/KEYBINDINGS.md all read it, so they cannot disagree.
public struct KeyBinding<Action: Hashable & Sendable>: Hashable, Sendable {
    /// Keys that trigger the action; the first is the one shown in the footer.
    public var keys: [KeyEvent]
    public var action: Action
    /// The action's stable name for docs and config ("search", "open", "quit").
    public var name: String
    /// One line of help ("search customers").
    public var help: String
    /// Where the binding applies (e.g. "global", "customers", "search"); the app decides the vocabulary.
    public var context: String
    /// Whether the footer shows it (rare keys live only in the `?` overlay).
    public var inFooter: Bool

    public init(
        _ keys: [KeyEvent], _ action: Action, name: String, help: String, context: String = KeyBinding.global,
        inFooter: Bool = true
    ) {
        self.keys = keys
        self.action = action
        self.name = name
        self.help = help
        self.context = context
        self.inFooter = inFooter
    }

    /// The context name for bindings that work everywhere.
    public static var global: String { "global" }

    /// The keys as one label, e.g. "j/↓".
    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }
}
