import BillingCore
import Foundation

extension SandboxServer {
    /// `PUT /customers/{id}.json`: changes the fields given (first and last name, e-mail, phone, organization,
    /// reference), as Chargify does; a blank required field or a taken reference is a 422.
    func updateCustomer(idSegment: String, _ fields: [String: Any]?) async -> SandboxResponse {
        guard let id = Int(idSegment.replacingOccurrences(of: ".json", with: "")) else {
            return ChargifyRoutes.notFoundResponse()
        }
        guard let fields else { return .chargifyErrors(422, ["customer: the body needs a \"customer\" object."]) }
        func text(_ key: String) -> String? { (fields[key] as? String)?.trimmed }
        var errors: [String] = []
        for (key, label) in [("first_name", "First name"), ("last_name", "Last name"), ("email", "Email address")]
        where text(key)?.isEmpty == true {
            errors.append("\(label): cannot be blank.")
        }
        if let email = text("email"), !email.isEmpty, !Self.isEmail(email) {
            errors.append("Email address: must be a valid email address.")
        }
        guard errors.isEmpty else { return .chargifyErrors(422, errors) }
        var given: [String: String] = [:]
        for key in ["first_name", "last_name", "email", "phone", "organization"] { given[key] = text(key) }
        let values = given
        let updated = await world.updateCustomer(id: id) { c in
            if let v = values["first_name"] { c.firstName = v }
            if let v = values["last_name"] { c.lastName = v }
            if let v = values["email"] { c.email = v }
            if let v = values["phone"] { c.phone = v }
            if let v = values["organization"] { c.organization = v }
        }
        guard let updated else { return ChargifyRoutes.notFoundResponse() }
        let snapshot = await world.company
        var w = JSONWriter()
        w.wrapped("customer") { ChargifyEncoder(company: snapshot).customer(updated, into: &$0) }
        return .json(200, w)
    }
}

extension SandboxWorld {
    /// Changes one customer now (its `updated_at` moves); nil when there is no such customer.
    func updateCustomer(id: Int, _ change: @Sendable (inout SandboxCustomer) -> Void) -> SandboxCustomer? {
        guard let index = company.customerIndex(id: id) else { return nil }
        change(&company.customers[index])
        company.customers[index].updatedAt = company.now.secondsSinceEpoch
        company.version += 1
        return company.customers[index]
    }
}
