/// Every change billtop can ask a provider to make (issue 17). The raw values are the names users write in a
/// source's allowlist (`actions = ["resend_invoice", "card_update_email"]`), the journal and the audit.
public enum ActionKind: String, Sendable, Hashable, CaseIterable, Codable {
    case resendInvoice = "resend_invoice"
    case cardUpdateEmail = "card_update_email"
    case recordPayment = "record_payment"
    case addNote = "add_note"
    case retry
    case cancelDunning = "cancel_dunning"
    case pause
    case resume
    case cancelAtPeriodEnd = "cancel_at_period_end"
    case undoCancel = "undo_cancel"
    case reactivate
    case addCoupon = "add_coupon"
    case createCustomer = "create_customer"

    /// What the action is done to.
    public enum Target: String, Sendable { case invoice, subscription, customer }

    public var target: Target {
        switch self {
        case .resendInvoice, .recordPayment: .invoice
        case .createCustomer: .customer
        default: .subscription
        }
    }

    /// The HTTP method Chargify takes for it.
    public var method: String {
        switch self {
        case .retry, .reactivate: "PUT"
        case .undoCancel: "DELETE"
        default: "POST"
        }
    }

    /// Chargify lets every write carry a `uniqueness_token` but a DELETE: undoing a scheduled cancellation is
    /// made safe by re-reading the subscription before repeating it instead.
    public var carriesToken: Bool { method != "DELETE" }

    /// Sends mail or moves money: the actions the crash-in-the-gap tests cover on both paths.
    public var movesMoneyOrSendsMail: Bool {
        [.resendInvoice, .cardUpdateEmail, .recordPayment, .addNote].contains(self)
    }

    /// The names, for messages ("allowed: add_coupon, add_note, ...").
    public static var names: String { allCases.map(\.rawValue).sorted().joined(separator: ", ") }
}
