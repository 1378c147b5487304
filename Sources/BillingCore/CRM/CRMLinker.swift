/// The link rules, pure: a manual link or unlink wins; else the contact whose id is the customer's `reference`;
/// else the one contact with the same e-mail (trimmed, case-folded); two or more such contacts are ambiguous
/// and never guessed; else none.
public struct CRMLinker: Sendable {
    /// A billing customer as the rules see it.
    public struct Customer: Sendable, Hashable {
        public var id: String
        public var email: String
        public var reference: String

        public init(id: String, email: String, reference: String) {
            self.id = id
            self.email = email
            self.reference = reference
        }
    }

    private let contactIDs: Set<String>
    private let byEmail: [String: [String]]
    /// Manual choices by customer id: a contact id, or nil for "unlinked".
    private let overrides: [String: String?]

    /// `contacts` are (id, e-mail) pairs; `overrides` maps a customer id to its manual contact (nil: unlinked).
    public init(contacts: [(id: String, email: String)], overrides: [String: String?]) {
        contactIDs = Set(contacts.map(\.id))
        var byEmail: [String: [String]] = [:]
        for contact in contacts {
            let key = CRMContact.emailKey(contact.email)
            guard !key.isEmpty else { continue }
            byEmail[key, default: []].append(contact.id)
        }
        self.byEmail = byEmail.mapValues { $0.sorted() }
        self.overrides = overrides
    }

    /// The customer's link.
    public func link(_ customer: Customer) -> CRMLink {
        if let manual = overrides[customer.id] {
            guard let id = manual else { return .unlinked }
            return .contact(id: id, basis: .manual)
        }
        let reference = CRMContact.trimmed(customer.reference)
        if !reference.isEmpty, contactIDs.contains(reference) { return .contact(id: reference, basis: .reference) }
        let key = CRMContact.emailKey(customer.email)
        guard !key.isEmpty, let matches = byEmail[key] else { return .none }
        return matches.count == 1 ? .contact(id: matches[0], basis: .email) : .ambiguous(contactIDs: matches)
    }

    /// Every customer's link, by customer id, and the contacts some customer links to (with the customers).
    public func links(_ customers: [Customer]) -> (byCustomer: [String: CRMLink], byContact: [String: [String]]) {
        var byCustomer: [String: CRMLink] = [:]
        var byContact: [String: [String]] = [:]
        for customer in customers {
            let link = link(customer)
            byCustomer[customer.id] = link
            if let id = link.contactID { byContact[id, default: []].append(customer.id) }
        }
        return (byCustomer, byContact)
    }
}
