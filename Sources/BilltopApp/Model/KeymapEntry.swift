/// One row of the keymap: keys, the command they run, where, and how it is explained.
public struct KeymapEntry: Sendable, Hashable {
    public var keys: [AppKey]
    public var command: Command
    public var context: KeyContext
    /// Short text for the footer and the help overlay.
    public var help: String
    /// Whether the footer shows it (the footer has room for the essentials only).
    public var inFooter: Bool

    public init(_ keys: [AppKey], _ command: Command, _ context: KeyContext, _ help: String, footer: Bool = false) {
        self.keys = keys
        self.command = command
        self.context = context
        self.help = help
        self.inFooter = footer
    }

    /// "j ↓" style label of the keys.
    public var keyLabel: String { keys.map(\.description).joined(separator: " ") }
}
