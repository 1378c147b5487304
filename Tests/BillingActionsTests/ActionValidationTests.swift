import BillingActions
import BillingCore
import BillingStore
import BillingSync
import Foundation
import Testing

/// Validation before sending and the reading of a provider's answer (issue 17 point 3).
@Suite struct ActionValidationTests {
    func payment(_ text: String, due: Int64, currency: Currency = .usd) throws -> Action {
        var action = Action(kind: .recordPayment, objectID: "inv_1")
        action.amount = try ActionValidator.amount(text, currency: currency)
        action.due = Money(minorUnits: due, currency: currency)
        return action
    }

    @Test func aPaymentIsPositiveNotAboveTheDueInTheInvoicesCurrencyAndExponent() throws {
        try ActionValidator.validate(try payment("12.34", due: 1234))
        #expect(throws: ActionProblem.self) { try ActionValidator.validate(try payment("12.35", due: 1234)) }
        #expect(throws: ActionProblem.self) { try ActionValidator.validate(try payment("0", due: 1234)) }
        #expect(throws: ActionProblem.self) { try ActionValidator.amount("1.5", currency: .jpy) }
        #expect(throws: ActionProblem.self) { try ActionValidator.amount("1.005", currency: .usd) }
        #expect(throws: ActionProblem.self) { try ActionValidator.amount("12,34", currency: .usd) }
        try ActionValidator.validate(try payment("150", due: 150, currency: .jpy))
        var otherCurrency = try payment("1.00", due: 1000)
        otherCurrency.due = Money(minorUnits: 1000, currency: .eur)
        #expect(throws: ActionProblem.self) { try ActionValidator.validate(otherCurrency) }
        var method = try payment("1.00", due: 1000)
        method.paymentMethod = "bitcoin"
        #expect(throws: ActionProblem.self) { try ActionValidator.validate(method) }
    }

    @Test func addressesNotesAndCodes() throws {
        var resend = Action(kind: .resendInvoice, objectID: "inv_1")
        resend.recipients = (1...5).map { "a\($0)@b.io" }
        try ActionValidator.validate(resend)
        resend.recipients.append("a6@b.io")
        #expect(throws: ActionProblem.self) { try ActionValidator.validate(resend) }
        resend.recipients = ["not an address"]
        #expect(throws: ActionProblem.self) { try ActionValidator.validate(resend) }
        resend.recipients = []
        resend.cc = ["x@\u{1B}[31m.io"]
        #expect(throws: ActionProblem.self) { try ActionValidator.validate(resend) }
        var note = Action(kind: .addNote, objectID: "9")
        note.note = "   "
        #expect(throws: ActionProblem.self) { try ActionValidator.validate(note) }
        note.note = String(repeating: "x", count: ActionValidator.maxNoteLength + 1)
        #expect(throws: ActionProblem.self) { try ActionValidator.validate(note) }
        var coupon = Action(kind: .addCoupon, objectID: "9")
        #expect(throws: ActionProblem.self) { try ActionValidator.validate(coupon) }
        coupon.couponCode = "TENOFF"
        try ActionValidator.validate(coupon)
    }

    func answer(_ status: Int, _ body: String, headers: [String: String] = [:]) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers, body: Data(body.utf8))
    }

    @Test func answersReadAsDoneAlreadyDoneRefusedOrUnknown() {
        let done = ActionOutcome.classify(answer(200, "{}"), kind: .addNote, route: .chargify)
        #expect(done.state == .done)
        let token = ActionOutcome.classify(answer(409, #"{"errors":["used"]}"#), kind: .addNote, route: .chargify)
        #expect(token.state == .alreadyDone)
        let replay = ActionOutcome.classify(
            answer(204, "", headers: ["Idempotent-Replayed": "true"]), kind: .resendInvoice, route: .truto)
        #expect(replay.state == .alreadyDone)
        // Truto's own 409 (the first request with the key still running) says nothing about the outcome.
        let busy = ActionOutcome.classify(answer(409, #"{"statusCode":409}"#), kind: .addNote, route: .truto)
        #expect(busy.state == .sent)
        let remote409 = ActionOutcome.classify(
            answer(409, #"{"statusCode":409,"truto_is_remote_error":true}"#), kind: .addNote, route: .truto)
        #expect(remote409.state == .alreadyDone)
        // A 422's words, sanitised and verbatim; the card-update limit said in words.
        let refused = ActionOutcome.classify(
            answer(422, #"{"errors":["Too many \u001b[31mrequests."]}"#), kind: .cardUpdateEmail, route: .chargify)
        #expect(refused.state == .refused && refused.message.contains("Too many"))
        #expect(!refused.message.contains("\u{1B}") && refused.message.contains("at most 5 card-update"))
        let proxied = ActionOutcome.classify(
            answer(422, #"{"statusCode":422,"message":"Body: cannot be blank."}"#), kind: .addNote, route: .truto)
        #expect(proxied.state == .refused && proxied.message.hasSuffix("Body: cannot be blank."))
        // A 5xx may have acted: the attempt stays open to be resumed with its token.
        #expect(ActionOutcome.classify(answer(502, ""), kind: .retry, route: .chargify).state == .sent)
        #expect(ActionOutcome.classify(answer(429, ""), kind: .retry, route: .chargify).state == .failed)
    }
}
