import BillingCore

/// What provisioning will do (the plan) or did (the outcome) for one contact.
public struct ProvisionStep: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Plan: create a billing customer. Outcome: created (and written back).
        case create = "created"
        /// A customer with the contact's id as reference exists: only the write-back is (re)done.
        case link = "linked"
        case skip = "skipped"
        case failed
        /// Already provisioned and written back: nothing to do.
        case done
    }

    public var contact: CRMContact
    public var kind: Kind
    /// The billing customer, when known.
    public var customerID: String?
    /// Why (a skip, a failure) or what was done.
    public var reason: String

    public init(contact: CRMContact, kind: Kind, customerID: String? = nil, reason: String = "") {
        self.contact = contact
        self.kind = kind
        self.customerID = customerID
        self.reason = reason
    }
}
