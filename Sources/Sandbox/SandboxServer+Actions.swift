import BillingCore
import Foundation

extension SandboxServer {
    /// Writes on an invoice: `deliveries.json` (resend) and `payments.json` (record an external payment).
    func invoiceAction(_ action: ActionRequest) async -> SandboxResponse {
        switch (action.method, action.name) {
        case ("POST", "deliveries.json"):
            return await deliver(invoiceUID: action.id, action.body, token: action.token)
        case ("POST", "payments.json"):
            return await recordPayment(action)
        default:
            return ChargifyRoutes.notFoundResponse()
        }
    }

    /// Writes on a subscription: retry, dunning, card-update e-mail, notes, pause, cancellation, coupons.
    func subscriptionAction(_ action: ActionRequest) async -> SandboxResponse {
        guard let id = action.subscriptionID else { return ChargifyRoutes.notFoundResponse() }
        let token = action.token
        do throws(ActionRefusal) {
            switch (action.method, action.name) {
            case ("PUT", "retry.json"):
                let outcome = try await world.retry(subscriptionID: id, token: token)
                if let decline = outcome.decline { return .chargifyErrors(422, ["Payment declined: \(decline)."]) }
                return await subscriptionBody(outcome.subscription)
            case ("POST", "cancel_dunning.json"):
                return await subscriptionBody(try await world.cancelDunning(subscriptionID: id, token: token))
            case ("POST", "request_payment_profiles_update.json"):
                try await world.requestCardUpdate(subscriptionID: id, token: token)
                return .json(200, text: "{}")  // the body Maxio sends here is not documented (assumed empty)
            case ("POST", "notes.json"):
                return try await addNote(id, action)
            case ("POST", "hold.json"):
                return await subscriptionBody(try await world.hold(subscriptionID: id, token: token))
            case ("POST", "resume.json"):
                return await subscriptionBody(try await world.resume(subscriptionID: id, token: token))
            case ("POST", "delayed_cancel.json"), ("DELETE", "delayed_cancel.json"):
                let schedule = action.method == "POST"
                let message = action.text("subscription", "cancellation_message")
                _ = try await world.delayCancel(
                    subscriptionID: id, schedule: schedule, message: message,
                    token: schedule ? token : nil)
                // Maxio answers with a message only (`DelayedCancellationResponse`); the wording is assumed.
                var w = JSONWriter()
                w.object { w in
                    w.field(
                        "message",
                        schedule
                            ? "This subscription will now be canceled at the end of the period."
                            : "This subscription will no longer be canceled at the end of the period.")
                }
                return .json(200, w)
            case ("PUT", "reactivate.json"):
                return await subscriptionBody(try await world.reactivate(subscriptionID: id, token: token))
            case ("POST", "add_coupon.json"):
                let code = action.query["code"] ?? (action.body["code"] as? String) ?? ""
                guard !code.trimmed.isEmpty else {
                    throw ActionRefusal(422, "Code: cannot be blank: pass ?code=COUPON.")
                }
                return await subscriptionBody(
                    try await world.addCoupon(subscriptionID: id, code: code.trimmed, token: token))
            default:
                return ChargifyRoutes.notFoundResponse()
            }
        } catch {
            return error.response
        }
    }

    /// `{"subscription": {...}}` as a GET would show it now.
    func subscriptionBody(_ s: SandboxSubscription) async -> SandboxResponse {
        let company = await world.company
        var w = JSONWriter()
        w.wrapped("subscription") { ChargifyEncoder(company: company).subscription(s, into: &$0) }
        return .json(200, w)
    }

    private func addNote(_ id: Int, _ action: ActionRequest) async throws(ActionRefusal) -> SandboxResponse {
        guard let note = action.body["note"] as? [String: Any] else {
            throw ActionRefusal(422, "note: the body needs a \"note\" object.")
        }
        let body = (note["body"] as? String)?.trimmed ?? ""
        guard !body.isEmpty else { throw ActionRefusal(422, "Body: cannot be blank.") }
        guard body.count <= SandboxNote.maximumBodyLength else {
            throw ActionRefusal(422, "Body: is too long (at most \(SandboxNote.maximumBodyLength) characters).")
        }
        let saved = try await world.addNote(
            subscriptionID: id, body: body, sticky: note["sticky"] as? Bool ?? false,
            token: action.token)
        let offset = await world.company.siteUTCOffsetSeconds
        var w = JSONWriter()
        w.wrapped("note") { saved.encode(offset: offset, into: &$0) }
        return .json(200, w)
    }

    private func recordPayment(_ action: ActionRequest) async -> SandboxResponse {
        guard let invoice = await world.company.invoice(uid: action.id) else {
            return ChargifyRoutes.notFoundResponse()
        }
        guard let payment = action.body["payment"] as? [String: Any] else {
            return .chargifyErrors(422, ["payment: the body needs a \"payment\" object."])
        }
        // Maxio accepts the amount as a string or a number; a number is read through its text.
        let text = (payment["amount"] as? String) ?? (payment["amount"] as? NSNumber)?.stringValue ?? ""
        let exponent = invoice.currency.exponent
        guard let amount = DecimalAmount.minorUnits(text.trimmed, exponent: exponent), amount > 0 else {
            return .chargifyErrors(
                422,
                [
                    "Amount: must be a positive amount in \(invoice.currency.code) with at most "
                        + "\(exponent) decimal places."
                ])
        }
        let method = (payment["method"] as? String) ?? "other"
        guard SandboxWorld.externalPaymentMethods.contains(method) else {
            let known = SandboxWorld.externalPaymentMethods.sorted().joined(separator: ", ")
            return .chargifyErrors(422, ["Method: must be one of \(known)."])
        }
        do throws(ActionRefusal) {
            let paid = try await world.recordPayment(
                invoiceUID: action.id, amount: amount, method: method, memo: (payment["memo"] as? String) ?? "",
                details: (payment["details"] as? String) ?? "", token: action.token)
            let company = await world.company
            var w = JSONWriter()
            ChargifyEncoder(company: company).invoice(paid, lineItems: true, payments: true, into: &w)
            return .json(200, w)
        } catch {
            return error.response
        }
    }
}
