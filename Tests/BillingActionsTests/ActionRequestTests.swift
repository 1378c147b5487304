import BillingActions
import BillingCore
import BillingSync
import Foundation
import Testing

/// The request each action makes, on Chargify directly and through Truto's proxy: method, path, token in the
/// body (never on a DELETE), `Idempotency-Key` on the proxy, the key only in the Authorization header.
@Suite struct ActionRequestTests {
    let chargify = SourceConfig(name: "acme", kind: .chargify, baseURL: "https://acme.chargify.com", secret: "KEY")
    let truto = SourceConfig(
        name: "t", kind: .truto, baseURL: "https://api.truto.one", account: "acc-1", secret: "TOKEN")

    func request(_ action: Action, _ source: SourceConfig, token: String = "tok-1") -> HTTPRequest {
        ActionRequestBuilder.request(
            action.kind, objectID: action.objectID, parameters: action.parameters, token: token, source: source)
    }

    func body(_ request: HTTPRequest) throws -> [String: Any] {
        let data = try #require(request.body)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func everyActionHasItsChargifyMethodAndPath() {
        let expected: [ActionKind: (String, String)] = [
            .resendInvoice: ("POST", "/invoices/inv_1/deliveries.json"),
            .recordPayment: ("POST", "/invoices/inv_1/payments.json"),
            .cardUpdateEmail: ("POST", "/subscriptions/9/request_payment_profiles_update.json"),
            .addNote: ("POST", "/subscriptions/9/notes.json"),
            .retry: ("PUT", "/subscriptions/9/retry.json"),
            .cancelDunning: ("POST", "/subscriptions/9/cancel_dunning.json"),
            .pause: ("POST", "/subscriptions/9/hold.json"),
            .resume: ("POST", "/subscriptions/9/resume.json"),
            .cancelAtPeriodEnd: ("POST", "/subscriptions/9/delayed_cancel.json"),
            .undoCancel: ("DELETE", "/subscriptions/9/delayed_cancel.json"),
            .reactivate: ("PUT", "/subscriptions/9/reactivate.json"),
            .addCoupon: ("POST", "/subscriptions/9/add_coupon.json?code=TEN%20OFF"),
            .createCustomer: ("POST", "/customers.json"),
        ]
        #expect(Set(expected.keys) == Set(ActionKind.allCases))
        for (kind, (method, path)) in expected {
            var action = Action(kind: kind, objectID: kind.target == .invoice ? "inv_1" : "9")
            action.couponCode = "TEN OFF"
            let made = request(action, chargify)
            #expect(made.method == method, "\(kind)")
            #expect(made.url == "https://acme.chargify.com" + path, "\(kind)")
        }
    }

    @Test func chargifyBodiesCarryTheTokenExceptADelete() throws {
        var pay = Action(kind: .recordPayment, objectID: "inv_1")
        pay.amount = Money(minorUnits: 1234, currency: .usd)
        pay.memo = "wire 77"
        let made = request(pay, chargify)
        let object = try body(made)
        #expect(object["uniqueness_token"] as? String == "tok-1")
        let payment = try #require(object["payment"] as? [String: Any])
        #expect(payment["amount"] as? String == "12.34" && payment["memo"] as? String == "wire 77")
        #expect(made.headers["Idempotency-Key"] == nil)
        #expect(made.headers["Authorization"] == "Basic " + Data("KEY:x".utf8).base64EncodedString())
        let undo = request(Action(kind: .undoCancel, objectID: "9"), chargify)
        #expect(undo.body == nil && undo.headers["Idempotency-Key"] == nil)
    }

    @Test func theProxyPathDropsJsonCarriesTheAccountAndTheIdempotencyKey() throws {
        var resend = Action(kind: .resendInvoice, objectID: "inv_1")
        resend.recipients = ["a@b.io"]
        let made = request(resend, truto)
        #expect(made.url == "https://api.truto.one/proxy/invoices/inv_1/deliveries?integrated_account_id=acc-1")
        #expect(made.headers["Idempotency-Key"] == "tok-1")
        #expect(made.headers["Authorization"] == "Bearer TOKEN")
        #expect(try body(made)["recipient_emails"] as? [String] == ["a@b.io"])
        var coupon = Action(kind: .addCoupon, objectID: "9")
        coupon.couponCode = "TENOFF"
        #expect(
            request(coupon, truto).url
                == "https://api.truto.one/proxy/subscriptions/9/add_coupon?code=TENOFF&integrated_account_id=acc-1")
        let undo = request(Action(kind: .undoCancel, objectID: "9"), truto)
        #expect(undo.headers["Idempotency-Key"] == nil, "a DELETE has no token to give")
    }

    @Test func aDryRunShowsTheTokenAndTheBodyButNeverTheKey() {
        var note = Action(kind: .addNote, objectID: "9")
        note.note = "called them"
        let text = ActionRequestBuilder.describe(request(note, chargify))
        #expect(text.contains("POST https://acme.chargify.com/subscriptions/9/notes.json"))
        #expect(text.contains(#""uniqueness_token":"tok-1""#) && text.contains("called them"))
        #expect(!text.contains(Data("KEY:x".utf8).base64EncodedString()) && !text.contains("KEY"))
    }
}
