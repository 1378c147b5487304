import BillingCore
import Foundation

extension SandboxServer {
    /// Chargify's writes (POST, PUT, DELETE): customers, invoice deliveries and payments, and the actions on a
    /// subscription. Every endpoint that Maxio lets carry a `uniqueness_token` honours it (409 within 60 world
    /// minutes); a DELETE carries none.
    func chargifyWrite(_ request: SandboxRequest, segments: [String]) async -> SandboxResponse {
        let object: [String: Any]
        if let parsed = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] {
            object = parsed
        } else if request.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }),
            segments.count == 3, segments[0] == "subscriptions"
        {
            object = [:]  // an action on a subscription may come without a body (retry, hold, ...)
        } else {
            return .chargifyErrors(422, ["The request body must be a JSON object."])
        }
        let token = (object["uniqueness_token"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        if segments == ["customers.json"], request.method == "POST" {
            if let token {
                guard await world.claim(uniquenessToken: token) else { return ActionRefusal.tokenReused.response }
            }
            return await createCustomer(object["customer"] as? [String: Any])
        }
        if segments.count == 2, segments[0] == "customers", request.method == "PUT" {
            return await updateCustomer(idSegment: segments[1], object["customer"] as? [String: Any])
        }
        guard segments.count == 3 else { return ChargifyRoutes.notFoundResponse() }
        let action = ActionRequest(
            method: request.method, id: segments[1], name: segments[2], body: object, token: token, query: request)
        switch segments[0] {
        case "invoices": return await invoiceAction(action)
        case "subscriptions": return await subscriptionAction(action)
        default: return ChargifyRoutes.notFoundResponse()
        }
    }

    private func createCustomer(_ fields: [String: Any]?) async -> SandboxResponse {
        guard let fields else { return .chargifyErrors(422, ["customer: the body needs a \"customer\" object."]) }
        func text(_ key: String) -> String { (fields[key] as? String)?.trimmed ?? "" }
        var errors: [String] = []
        if text("first_name").isEmpty { errors.append("First name: cannot be blank.") }
        if text("last_name").isEmpty { errors.append("Last name: cannot be blank.") }
        let email = text("email")
        if email.isEmpty {
            errors.append("Email address: cannot be blank.")
        } else if !Self.isEmail(email) {
            errors.append("Email address: must be a valid email address.")
        }
        let reference = text("reference")
        let company = await world.company
        if !reference.isEmpty, company.customers.contains(where: { $0.reference == reference }) {
            errors.append("Reference: must be unique - that value has been taken.")
        }
        guard errors.isEmpty else { return .chargifyErrors(422, errors) }
        let draft = SandboxCustomer(
            id: 0, firstName: text("first_name"), lastName: text("last_name"), email: email,
            ccEmails: text("cc_emails"),
            organization: text("organization"), reference: reference, phone: text("phone"), address: text("address"),
            address2: text("address_2"), city: text("city"), state: text("state"), zip: text("zip"),
            country: text("country"), locale: text("locale"), vatNumber: text("vat_number"),
            taxExempt: fields["tax_exempt"] as? Bool ?? false, parentID: fields["parent_id"] as? Int,
            createdAt: 0, updatedAt: 0)
        let created = await world.insert(customer: draft)
        let snapshot = await world.company
        var w = JSONWriter()
        w.wrapped("customer") { ChargifyEncoder(company: snapshot).customer(created, into: &$0) }
        return .json(201, w)
    }

    /// `POST /invoices/{uid}/deliveries.json`: at most 5 well-formed addresses a list; recorded as a delivery.
    func deliver(invoiceUID: String, _ object: [String: Any], token: String?) async -> SandboxResponse {
        guard await world.company.invoice(uid: invoiceUID) != nil else { return ChargifyRoutes.notFoundResponse() }
        var errors: [String] = []
        var lists: [[String]] = []
        for key in ["recipient_emails", "cc_recipient_emails", "bcc_recipient_emails"] {
            guard let value = object[key] else {
                lists.append([])
                continue
            }
            guard let list = value as? [String] else {
                errors.append("\(key): must be a list of e-mail addresses.")
                continue
            }
            if list.count > 5 { errors.append("\(key): at most 5 addresses.") }
            for address in list where !Self.isEmail(address) {
                errors.append("\(key): '\(address)' is not a valid e-mail address.")
            }
            lists.append(list)
        }
        guard errors.isEmpty else { return .chargifyErrors(422, errors) }
        do throws(ActionRefusal) {
            try await world.deliver(invoiceUID: invoiceUID, to: lists[0], cc: lists[1], bcc: lists[2], token: token)
        } catch {
            return error.response
        }
        return SandboxResponse(status: 204)
    }

    /// A deliberately simple address check: one "@", something before it, a dot after it, no spaces.
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix(".")
        else { return false }
        return !text.contains(" ") && text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F }
    }
}
