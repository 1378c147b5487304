import BillingCore
import Foundation

/// Checks an action before anything is sent, with the provider's own rules where they are known, so a
/// mistake costs one line instead of a 422 (and a payment never exceeds what is due).
public enum ActionValidator {
    /// Chargify takes at most 5 addresses a list.
    public static let maxRecipients = 5
    /// The longest note body accepted (the sandbox's limit; Maxio does not document one: assumed).
    public static let maxNoteLength = 5_000
    /// Chargify's external payment methods.
    public static let paymentMethods = [
        "ach", "cash", "check", "credit_card", "money_order", "other", "paypal_account",
    ]

    public static func validate(_ action: Action) throws(ActionProblem) {
        switch action.kind {
        case .resendInvoice:
            try addresses(action.recipients, flag: "--to")
            try addresses(action.cc, flag: "--cc")
        case .recordPayment:
            try payment(action)
        case .addNote:
            let body = action.note.trimmingCharacters(in: .whitespacesAndNewlines)
            if body.isEmpty { throw ActionProblem("the note is empty; give its text") }
            if body.count > maxNoteLength {
                throw ActionProblem("the note is \(body.count) characters; at most \(maxNoteLength) are accepted")
            }
        case .addCoupon:
            if action.couponCode.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ActionProblem("the coupon code is empty; give the code (e.g. TENOFF)")
            }
        case .createCustomer:
            guard let c = action.newCustomer else { throw ActionProblem("give --first-name, --last-name and --email") }
            if c.firstName.trimmingCharacters(in: .whitespaces).isEmpty { throw ActionProblem("--first-name is empty") }
            if c.lastName.trimmingCharacters(in: .whitespaces).isEmpty { throw ActionProblem("--last-name is empty") }
            try addresses([c.email], flag: "--email")
        case .cardUpdateEmail, .retry, .cancelDunning, .pause, .resume, .cancelAtPeriodEnd, .undoCancel, .reactivate:
            break
        }
        if action.kind.target != .customer, action.objectID.isEmpty {
            throw ActionProblem("no \(action.kind.target.rawValue) given")
        }
    }

    static func payment(_ action: Action) throws(ActionProblem) {
        guard let amount = action.amount else { throw ActionProblem("give the amount with --amount, e.g. 12.34") }
        guard amount.isPositive else {
            throw ActionProblem("the amount must be above zero (it was \(MoneyFormatter.format(amount)))")
        }
        if let due = action.due {
            guard due.currency == amount.currency else {
                throw ActionProblem("the invoice is in \(due.currency.code), not \(amount.currency.code)")
            }
            guard due.isPositive else { throw ActionProblem("nothing is due on this invoice") }
            guard amount.minorUnits <= due.minorUnits else {
                throw ActionProblem(
                    "\(MoneyFormatter.format(amount)) is more than the \(MoneyFormatter.format(due)) due; "
                        + "give at most \(due.decimalString)")
            }
        }
        guard paymentMethods.contains(action.paymentMethod) else {
            throw ActionProblem(
                "unknown payment method '\(TextSanitizer.clean(action.paymentMethod))'; use one of "
                    + paymentMethods.joined(separator: ", "))
        }
    }

    /// An amount typed by a user, in `currency`'s exponent (no more decimals than it has).
    public static func amount(_ text: String, currency: Currency) throws(ActionProblem) -> Money {
        do {
            return try Money.parse(text, currency: currency)
        } catch .tooPrecise {
            throw ActionProblem(
                "\(TextSanitizer.clean(text)) has more decimals than \(currency.code) has (\(currency.exponent))")
        } catch {
            throw ActionProblem("'\(TextSanitizer.clean(text))' is not an amount; write it like 12.34")
        }
    }

    static func addresses(_ list: [String], flag: String) throws(ActionProblem) {
        if list.count > maxRecipients {
            throw ActionProblem("\(list.count) addresses for \(flag); at most \(maxRecipients) are accepted")
        }
        for address in list where !isEmail(address) {
            throw ActionProblem("'\(TextSanitizer.clean(address))' is not an e-mail address (\(flag))")
        }
    }

    /// One "@", something before it, a dotted domain after it, no spaces or control characters.
    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix(".")
        else { return false }
        return text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F }
    }
}
