import BillingCore
import Foundation

extension Action {
    /// An action read back from a stored request (a team viewer's `action_request` row, or a journal row):
    /// its kind, object and `parametersJSON`. The writer re-checks what a viewer asked with its own rules, so a
    /// row is turned back into the typed action and must serialise to exactly the text it came as: a row that
    /// holds anything billtop would not have written (an extra field, a number where a string goes) is refused
    /// instead of being sent as it stands.
    ///
    /// `paymentCurrency` is the invoice's currency as the store knows it (a payment's amount is kept without
    /// one); `due` what the store says is due, for the same no-overpayment check the shell makes.
    public static func stored(
        kind rawKind: String, objectKind: String, objectID: String, customerID: String?, parameters: String,
        paymentCurrency: Currency? = nil, due: Money? = nil
    ) throws(ActionProblem) -> Action {
        guard let kind = ActionKind(rawValue: rawKind) else {
            throw ActionProblem("unknown action '\(TextSanitizer.clean(rawKind))'; refused")
        }
        guard kind.target.rawValue == objectKind else {
            throw ActionProblem(
                "\(kind.rawValue) acts on a \(kind.target.rawValue), not a \(TextSanitizer.clean(objectKind)); refused")
        }
        let fields = ActionJSON.object(parameters)
        var action = Action(kind: kind, objectID: objectID, customerID: customerID)
        switch kind {
        case .resendInvoice:
            action.recipients = strings(fields["recipient_emails"])
            action.cc = strings(fields["cc_recipient_emails"])
        case .recordPayment:
            let payment = fields["payment"] as? [String: any Sendable] ?? [:]
            guard let currency = paymentCurrency else {
                throw ActionProblem(
                    "invoice \(TextSanitizer.clean(objectID)) is not in the store; sync, then ask again")
            }
            action.amount = try ActionValidator.amount(payment["amount"] as? String ?? "", currency: currency)
            action.due = due
            action.paymentMethod = payment["method"] as? String ?? ""
            action.memo = payment["memo"] as? String ?? ""
        case .addNote:
            action.note = (fields["note"] as? [String: any Sendable])?["body"] as? String ?? ""
        case .addCoupon:
            action.couponCode = fields["code"] as? String ?? ""
        case .createCustomer:
            let c = fields["customer"] as? [String: any Sendable] ?? [:]
            func text(_ key: String) -> String { c[key] as? String ?? "" }
            action.newCustomer = NewCustomer(
                firstName: text("first_name"), lastName: text("last_name"), email: text("email"),
                organization: text("organization"), reference: text("reference"), phone: text("phone"))
        case .cardUpdateEmail, .retry, .cancelDunning, .pause, .resume, .cancelAtPeriodEnd, .undoCancel, .reactivate:
            break
        }
        guard action.parametersJSON == canonical(parameters) else {
            throw ActionProblem("the request's parameters are not ones billtop writes for \(kind.rawValue); refused")
        }
        return action
    }

    /// A list of strings, or none (anything else is not billtop's and fails the round trip above).
    private static func strings(_ value: (any Sendable)?) -> [String] {
        (value as? [any Sendable])?.compactMap { $0 as? String } ?? []
    }

    /// The text re-serialised as billtop writes it (sorted keys, its escaping), keeping every value's JSON type,
    /// or "" when it is not a JSON object (which then never matches).
    private static func canonical(_ text: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}
