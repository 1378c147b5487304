import BillingCore
import Foundation

/// One line of the action menu: the action (billing or CRM), its key (from the keymap), what it would do to which object,
/// and why it cannot be done here when it cannot.
public struct ActionMenuEntry: Sendable, Equatable {
    public var intent: ActionIntent
    public var command: Command
    /// "resend invoice 1042", "retry subscription 88231".
    public var label: String
    public var unavailable: String?

    public init(intent: ActionIntent, command: Command, label: String, unavailable: String?) {
        self.intent = intent
        self.command = command
        self.label = label
        self.unavailable = unavailable
    }
}
