import BillingActions
import BillingCore
import BillingStore
import Foundation

/// The action being prepared (a billing action, or a CRM write: ActionForm+CRM): its fields while editing,
/// the confirmation that says exactly what will happen, then the wait and the outcome. Nothing is sent until
/// the confirmation's own key.
public struct ActionForm: Sendable, Equatable {
    public enum Phase: Sendable, Equatable {
        case editing
        case review
        case sending
        case finished(ActionReport)
    }

    public var intent: ActionIntent
    public var target: ActionTarget
    public var subscription: Subscription?
    public var fields: [ActionFormField]
    public var field = 0
    public var phase: Phase
    /// Why the entered values cannot be sent (validation), shown in the form; nothing is sent meanwhile.
    public var problem: String?

    /// `today` dates what needs a day (a CRM task's due day starts at tomorrow).
    public init(intent: ActionIntent, target: ActionTarget, subscription: Subscription?, today: LocalDate? = nil) {
        self.intent = intent
        self.target = target
        self.subscription = subscription
        switch intent {
        case .billing(let kind): fields = Self.fields(kind, invoice: target.invoice)
        case .crm(let kind): fields = Self.crmFields(kind, target: target, today: today)
        case .linkContact:
            fields = [
                ActionFormField(
                    .contact, "Contact", text: target.crm?.contact?.id ?? "",
                    hint: "a GHL contact id or e-mail; empty unlinks", limit: 254)
            ]
        }
        phase = fields.isEmpty ? .review : .editing
    }

    public init(kind: ActionKind, target: ActionTarget, subscription: Subscription?) {
        self.init(intent: .billing(kind), target: target, subscription: subscription)
    }

    /// The billing action, when the form is for one.
    public var kind: ActionKind? { intent.billing }

    static func fields(_ kind: ActionKind, invoice: Invoice?) -> [ActionFormField] {
        switch kind {
        case .recordPayment:
            return [
                ActionFormField(.amount, "Amount", text: invoice?.due.decimalString ?? "", limit: 20),
                ActionFormField(
                    .method, "Method", text: "other", hint: ActionValidator.paymentMethods.joined(separator: " "),
                    limit: 20),
                ActionFormField(.memo, "Memo", hint: "optional", limit: 500),
            ]
        case .resendInvoice:
            return [
                ActionFormField(.to, "Also to", hint: "optional, comma-separated", limit: 500),
                ActionFormField(.cc, "Cc", hint: "optional", limit: 500),
            ]
        case .addNote:
            return [ActionFormField(.note, "Note", hint: "the note's text", limit: ActionValidator.maxNoteLength)]
        case .addCoupon:
            return [ActionFormField(.coupon, "Coupon", hint: "the code, e.g. TENOFF", limit: 100)]
        case .createCustomer:
            return [
                ActionFormField(.firstName, "First", limit: 100), ActionFormField(.lastName, "Last", limit: 100),
                ActionFormField(.email, "E-mail", limit: 254),
                ActionFormField(.organization, "Company", hint: "optional", limit: 200),
                ActionFormField(
                    .reference, "Reference", hint: "optional: your id for them (a CRM contact id)", limit: 100),
            ]
        default:
            return []
        }
    }

    func text(_ role: ActionFormField.Role) -> String {
        (fields.first { $0.role == role }?.text ?? "").trimmingCharacters(in: .whitespaces)
    }

    /// The action as the core takes it, validated; throws the one line to show in the form.
    public func draft() throws(ActionProblem) -> BillingActions.Action {
        guard case .billing(let kind) = intent else { throw ActionProblem("this form writes to the CRM") }
        let objectID = kind.target == .invoice ? (target.invoice?.id ?? "") : (subscription?.id ?? "")
        var action = BillingActions.Action(kind: kind, objectID: objectID, customerID: target.key.id)
        switch kind {
        case .recordPayment:
            guard let invoice = target.invoice else { throw ActionProblem("no invoice") }
            action.amount = try ActionValidator.amount(text(.amount), currency: invoice.currency)
            action.due = invoice.due
            action.paymentMethod = text(.method).lowercased()
            action.memo = text(.memo)
        case .resendInvoice:
            action.recipients = Self.addresses(text(.to))
            action.cc = Self.addresses(text(.cc))
        case .addNote:
            action.note = text(.note)
        case .addCoupon:
            action.couponCode = text(.coupon)
        case .createCustomer:
            action.customerID = nil
            action.newCustomer = BillingActions.Action.NewCustomer(
                firstName: text(.firstName), lastName: text(.lastName), email: text(.email),
                organization: text(.organization), reference: text(.reference))
        default:
            break
        }
        do { try ActionValidator.validate(action) } catch { throw ActionProblem(Self.inFormWords(error.description)) }
        return action
    }

    /// The shared validator names the shell's flags; the form names its fields.
    static func inFormWords(_ message: String) -> String {
        [
            ("--first-name", "First"), ("--last-name", "Last"), ("--email", "E-mail"), ("--to", "Also to"),
            ("--cc", "Cc"), ("with --amount", ""),
        ].reduce(message) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    static func addresses(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init)
    }

    /// What the confirmation says will happen, one fact a line: source, customer, object, amounts, recipients.
    public var reviewLines: [String] {
        guard case .billing(let kind) = intent else { return crmReviewLines }
        var lines = ["Source: \(TextSanitizer.clean(target.key.source))"]
        if kind == .createCustomer {
            let name = "\(text(.firstName)) \(text(.lastName)) <\(text(.email))>"
            lines.append("New customer: \(TextSanitizer.clean(name))")
            if !text(.organization).isEmpty { lines.append("Company: \(TextSanitizer.clean(text(.organization)))") }
            if !text(.reference).isEmpty { lines.append("Reference: \(TextSanitizer.clean(text(.reference)))") }
            lines.append("This \(ActionRules.effect(kind)) at the provider (it shows here at once).")
            return lines
        }
        lines.append("Customer: \(target.customerLine)")
        if kind.target == .invoice, let invoice = target.invoice {
            lines.append(
                "Invoice \(TextSanitizer.clean(invoice.number)): total \(MoneyFormatter.format(invoice.total)), "
                    + "due \(MoneyFormatter.format(invoice.due))")
        } else if let s = subscription {
            let state = s.state.apiValue.replacingOccurrences(of: "_", with: " ")
            lines.append("Subscription \(TextSanitizer.clean(s.id)): \(TextSanitizer.clean(s.productName)) (\(state))")
        }
        lines.append("This \(ActionRules.effect(kind)).")
        switch kind {
        case .recordPayment:
            let due = target.invoice.map { MoneyFormatter.format($0.due) } ?? "?"
            let amount = (try? draft()).flatMap(\.amount).map { MoneyFormatter.format($0) } ?? text(.amount)
            lines.append("Amount: \(amount) of \(due) due, method \(text(.method).lowercased())")
            if !text(.memo).isEmpty { lines.append("Memo: \(TextSanitizer.clean(text(.memo)))") }
        case .resendInvoice:
            let usual = target.email.isEmpty ? "" : " (\(TextSanitizer.clean(target.email)))"
            lines.append("To: the invoice's usual recipients\(usual)")
            let extra = Self.addresses(text(.to)) + Self.addresses(text(.cc)).map { "cc " + $0 }
            if !extra.isEmpty { lines.append("Also: " + TextSanitizer.clean(extra.joined(separator: ", "))) }
        case .cardUpdateEmail:
            lines.append("To: \(TextSanitizer.clean(target.email)) (Maxio allows 5 a subscription in 30 minutes)")
        case .addNote:
            lines.append("Note: \(TextSanitizer.clean(text(.note)))")
        case .addCoupon:
            lines.append("Coupon: \(TextSanitizer.clean(text(.coupon)))")
        default:
            break
        }
        return lines
    }

    /// The form's title.
    public var title: String {
        guard case .billing(let kind) = intent else {
            return intent.crm.map(CRMActionRules.title) ?? "Link to a CRM contact"
        }
        return switch kind {
        case .resendInvoice: "Resend the invoice"
        case .recordPayment: "Record a payment"
        case .cardUpdateEmail: "Send the card-update e-mail"
        case .addNote: "Add a note"
        case .retry: "Retry the payment"
        case .cancelDunning: "Stop dunning"
        case .pause: "Pause the subscription"
        case .resume: "Resume the subscription"
        case .cancelAtPeriodEnd: "Cancel at the period's end"
        case .undoCancel: "Undo the cancellation"
        case .reactivate: "Reactivate the subscription"
        case .addCoupon: "Apply a coupon"
        case .createCustomer: "Create a customer"
        }
    }
}
