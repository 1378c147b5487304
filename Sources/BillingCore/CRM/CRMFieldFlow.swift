/// Which of a linked contact's fields flow to its billing customer (issue 19 point 4): name, e-mail, phone
/// and organization, when the contact changed after the customer (the newer side wins), and only where the
/// contact has a value that differs: a field is never blanked, and an e-mail differing only in case or
/// surrounding spaces is the same e-mail.
public enum CRMFieldFlow {
    /// The customer's fields to set, by Chargify's names (`first_name`, `last_name`, `email`, `phone`,
    /// `organization`); empty when the customer is newer or agrees. `customerUpdated` is the customer's last
    /// change in seconds since 1970 (nil when unknown: then nothing flows, since neither side is known newer).
    public static func changes(contact: CRMContact, customer: Customer) -> [String: String] {
        guard let updated = customer.updatedAt?.secondsSinceEpoch, contact.dateUpdated > updated * 1000 else {
            return [:]
        }
        func trimmed(_ text: String) -> String { CRMContact.trimmed(text) }
        var fields: [String: String] = [:]
        let pairs: [(String, String, String)] = [
            ("first_name", contact.firstName, customer.firstName), ("last_name", contact.lastName, customer.lastName),
            ("phone", contact.phone, customer.phone), ("organization", contact.companyName, customer.organization),
        ]
        for (name, theirs, ours) in pairs where !trimmed(theirs).isEmpty && trimmed(theirs) != trimmed(ours) {
            fields[name] = trimmed(theirs)
        }
        let email = trimmed(contact.email)
        if !email.isEmpty, CRMContact.emailKey(email) != CRMContact.emailKey(customer.email) {
            fields["email"] = email
        }
        return fields
    }
}
