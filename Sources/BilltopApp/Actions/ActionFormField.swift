/// One line a user types into before an action: an amount, a note, a coupon code, extra recipients.
public struct ActionFormField: Sendable, Equatable {
    public enum Role: String, Sendable, Equatable {
        case amount, method, memo, note, coupon, to, cc, firstName, lastName, email, organization, reference
        case title, due, details, task, contact
    }

    public var role: Role
    public var label: String
    public var text: String
    /// Shown dimmed when the field is empty ("optional", "e.g. TENOFF").
    public var hint: String
    /// The most characters accepted (a note is long, a code short): typing stops there.
    public var limit: Int

    public init(_ role: Role, _ label: String, text: String = "", hint: String = "", limit: Int = 200) {
        self.role = role
        self.label = label
        self.text = text
        self.hint = hint
        self.limit = limit
    }
}
