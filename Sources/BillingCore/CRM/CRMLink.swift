/// How a billing customer is tied to a CRM contact, and why.
public enum CRMLink: Sendable, Hashable {
    /// Why a contact is the customer's.
    public enum Basis: String, Sendable, Hashable {
        /// Set by `billtop link`; survives syncs.
        case manual
        /// The customer's `reference` is the contact id (provisioning sets it).
        case reference
        /// The one contact with the customer's e-mail (trimmed, case-folded).
        case email

        /// How a person says it: "by hand", "by reference", "by email".
        public var words: String { self == .manual ? "by hand" : "by \(rawValue)" }
    }

    case contact(id: String, basis: Basis)
    /// Several contacts share the customer's e-mail: shown, never guessed.
    case ambiguous(contactIDs: [String])
    /// `billtop unlink`: no contact, whatever the e-mails say.
    case unlinked
    case none

    /// The linked contact's id, when there is exactly one.
    public var contactID: String? {
        if case .contact(let id, _) = self { return id }
        return nil
    }

    /// One line for a command or the panel: "contact abc (by email)", "ambiguous: 2 contacts share the e-mail".
    public var summary: String {
        switch self {
        case .contact(let id, let basis): "contact \(TextSanitizer.clean(id)) (\(basis.words))"
        case .ambiguous(let ids):
            "ambiguous: \(ids.count) contacts share the e-mail (\(ids.map(TextSanitizer.clean).joined(separator: ", "))); "
                + "pick one with `billtop link CUSTOMER CONTACT`"
        case .unlinked: "unlinked by hand (`billtop link` links it again)"
        case .none: "no contact"
        }
    }
}
