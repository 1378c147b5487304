import BillingCore
import Foundation

/// One change to ask a provider for: the kind, the object, and its parameters as typed values. The same value
/// serves the shell, the TUI's menu (next) and the journal, whose `parameters` are `parametersJSON`.
public struct Action: Sendable, Hashable {
    public var kind: ActionKind
    /// The invoice uid, the subscription id, or "" for a customer being created.
    public var objectID: String
    /// The customer the action concerns (for the audit by customer), when known.
    public var customerID: String?

    /// Resend: extra and cc addresses (none: Chargify sends to the invoice's usual recipients).
    public var recipients: [String] = []
    public var cc: [String] = []
    /// Record a payment: the amount, and what is due on the invoice as the store last saw it (validation).
    public var amount: Money?
    public var due: Money?
    public var paymentMethod: String = "other"
    public var memo: String = ""
    /// A note's body.
    public var note: String = ""
    /// A coupon code.
    public var couponCode: String = ""
    /// A new customer's fields.
    public var newCustomer: NewCustomer?

    /// The fields `billtop customer create` takes.
    public struct NewCustomer: Sendable, Hashable {
        public var firstName: String
        public var lastName: String
        public var email: String
        public var organization: String
        public var reference: String
        /// Sent when known (provisioning takes the contact's); "" sends none.
        public var phone: String

        public init(
            firstName: String, lastName: String, email: String, organization: String = "", reference: String = "",
            phone: String = ""
        ) {
            self.firstName = firstName
            self.lastName = lastName
            self.email = email
            self.organization = organization
            self.reference = reference
            self.phone = phone
        }
    }

    public init(kind: ActionKind, objectID: String, customerID: String? = nil) {
        self.kind = kind
        self.objectID = objectID
        self.customerID = customerID
    }

    /// The request body without its token, as JSON values: also what the journal keeps as parameters, so a
    /// resumed attempt sends exactly what the first one did. Never holds a key.
    public var parameters: [String: any Sendable] {
        switch kind {
        case .resendInvoice:
            var body: [String: any Sendable] = [:]
            if !recipients.isEmpty { body["recipient_emails"] = recipients }
            if !cc.isEmpty { body["cc_recipient_emails"] = cc }
            return body
        case .recordPayment:
            var payment: [String: any Sendable] = [
                "amount": amount?.decimalString ?? "", "method": paymentMethod,
            ]
            if !memo.isEmpty { payment["memo"] = memo }
            return ["payment": payment]
        case .addNote:
            // Not sticky: Maxio's default, so the body holds only text (the journal's parameters stay strings).
            return ["note": ["body": note] as [String: any Sendable]]
        case .addCoupon:
            return ["code": couponCode]
        case .createCustomer:
            guard let c = newCustomer else { return [:] }
            var fields: [String: any Sendable] = ["first_name": c.firstName, "last_name": c.lastName, "email": c.email]
            if !c.organization.isEmpty { fields["organization"] = c.organization }
            if !c.reference.isEmpty { fields["reference"] = c.reference }
            if !c.phone.isEmpty { fields["phone"] = c.phone }
            return ["customer": fields]
        case .cardUpdateEmail, .retry, .cancelDunning, .pause, .resume, .cancelAtPeriodEnd, .undoCancel, .reactivate:
            return [:]
        }
    }

    /// `parameters` as JSON text with sorted keys (stable in the journal and in `--dry-run`).
    public var parametersJSON: String { ActionJSON.text(parameters) }

    /// What the action does, in words, for a confirmation and the shell's answer ("resend invoice 1042").
    public var summary: String {
        kind.phrase(objectID.isEmpty ? "" : "\(kind.target.rawValue) \(TextSanitizer.clean(objectID))")
    }
}
