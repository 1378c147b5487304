import BillingCore
import Testing

/// The link rules (issue 19 point 2): manual wins, then the reference, then one contact with the e-mail
/// (trimmed, case-folded); two contacts with one e-mail are ambiguous, never guessed.
struct CRMLinkRuleTests {
    let contacts: [(id: String, email: String)] = [
        ("c-ref", "other@example.com"), ("c-ann", " Ann@Example.COM "), ("c-bo1", "bo@example.com"),
        ("c-bo2", "BO@example.com"),
    ]

    func link(_ id: String, email: String, reference: String = "", overrides: [String: String?] = [:]) -> CRMLink {
        CRMLinker(contacts: contacts, overrides: overrides)
            .link(CRMLinker.Customer(id: id, email: email, reference: reference))
    }

    @Test func theReferenceWinsOverTheEmail() {
        #expect(link("1", email: "ann@example.com", reference: "c-ref") == .contact(id: "c-ref", basis: .reference))
    }

    @Test func theEmailMatchesTrimmedAndCaseFolded() {
        #expect(link("1", email: "ANN@example.com") == .contact(id: "c-ann", basis: .email))
        #expect(link("1", email: "nobody@example.com") == CRMLink.none)
        #expect(link("1", email: "", reference: "unknown-contact") == CRMLink.none)
    }

    @Test func twoContactsWithOneEmailAreAmbiguous() {
        #expect(link("1", email: "bo@example.com") == .ambiguous(contactIDs: ["c-bo1", "c-bo2"]))
        #expect(link("1", email: "bo@example.com").contactID == nil)
    }

    @Test func aManualLinkOrUnlinkWins() {
        #expect(
            link("1", email: "bo@example.com", overrides: ["1": .some("c-bo2")])
                == .contact(id: "c-bo2", basis: .manual))
        #expect(link("1", email: "ann@example.com", reference: "c-ref", overrides: ["1": String?.none]) == .unlinked)
    }
}
