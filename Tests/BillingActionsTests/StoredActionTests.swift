import BillingActions
import BillingCore
import Testing

/// A stored request (a team viewer's row) turns back into exactly the action that wrote it, and a row billtop
/// would not have written is refused rather than sent.
@Suite struct StoredActionTests {
    private let usd = Currency("USD")!

    /// One action of every kind, with every parameter it can carry.
    private var everyKind: [Action] {
        ActionKind.allCases.map { kind in
            var a = Action(kind: kind, objectID: kind == .createCustomer ? "" : "obj_1", customerID: "cus_1")
            switch kind {
            case .resendInvoice: (a.recipients, a.cc) = (["a@example.com", "b@example.com"], ["c@example.com"])
            case .recordPayment:
                (a.amount, a.paymentMethod, a.memo) = (Money(minorUnits: 1234, currency: usd), "check", "cheque 17")
            case .addNote: a.note = "Called: will pay Friday / \"soon\" — ünïcode"
            case .addCoupon: a.couponCode = "TENOFF"
            case .createCustomer:
                a.newCustomer = .init(
                    firstName: "Ann", lastName: "Lee", email: "ann@example.com", organization: "Acme",
                    reference: "ghl_1",
                    phone: "+1 555")
            default: break
            }
            return a
        }
    }

    @Test func everyKindRoundTripsThroughItsStoredText() throws {
        for action in everyKind {
            let back = try Action.stored(
                kind: action.kind.rawValue, objectKind: action.kind.target.rawValue, objectID: action.objectID,
                customerID: action.customerID, parameters: action.parametersJSON, paymentCurrency: usd)
            #expect(back == action, "\(action.kind)")
        }
    }

    @Test func aRowBilltopWouldNotWriteIsRefused() {
        let refusals: [(String, String, String)] = [
            ("add_coupon", "subscription", #"{"code":"X","extra":"y"}"#),  // an extra field
            ("add_coupon", "subscription", #"{"code":5}"#),  // a number where a string goes
            ("add_note", "subscription", "not json"),
            ("resend_invoice", "subscription", "{}"),  // the wrong object kind
            ("drop_table", "invoice", "{}"),  // no such action
            ("record_payment", "invoice", #"{"payment":{"amount":"1.234","method":"other"}}"#),  // too precise
        ]
        for (kind, objectKind, parameters) in refusals {
            #expect(throws: ActionProblem.self, "\(kind) \(parameters)") {
                _ = try Action.stored(
                    kind: kind, objectKind: objectKind, objectID: "obj_1", customerID: nil, parameters: parameters,
                    paymentCurrency: usd)
            }
        }
    }

    @Test func aPaymentNeedsTheInvoiceCurrencyAndKeepsTheDueForTheOverpaymentCheck() throws {
        let text = #"{"payment":{"amount":"20.00","method":"other"}}"#
        #expect(throws: ActionProblem.self) {
            _ = try Action.stored(
                kind: "record_payment", objectKind: "invoice", objectID: "inv_1", customerID: nil, parameters: text)
        }
        let action = try Action.stored(
            kind: "record_payment", objectKind: "invoice", objectID: "inv_1", customerID: nil, parameters: text,
            paymentCurrency: usd, due: Money(minorUnits: 1500, currency: usd))
        #expect(throws: ActionProblem.self) { try ActionValidator.validate(action) }
    }
}
