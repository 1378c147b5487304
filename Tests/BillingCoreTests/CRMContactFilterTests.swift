import BillingCore
import Testing

/// The customers pane's `owner:` and `tag:` words (issue 19 point 3): parsed out of the search text, the rest
/// left for the type-ahead; an owner matches a word of the owner's name by its start, the e-mail or the id.
struct CRMContactFilterTests {
    @Test func theWordsAreTakenOutAndTheRestStays() {
        let (filter, rest) = CRMContactFilter.parse("  Owner:Ann smith TAG:VIP ")
        #expect(filter == CRMContactFilter(owner: "ann", tag: "vip"))
        #expect(rest == "smith")
        #expect(CRMContactFilter.parse("smith jones").filter == nil)
        #expect(CRMContactFilter.parse("owner: tag:").filter == nil, "an empty word filters nothing")
        #expect(CRMContactFilter(owner: "ann", tag: "vip").summary == "owner ann, tag vip")
    }

    @Test func anOwnerMatchesAWordOfTheNameTheEmailOrTheIDAndATagAnyCase() {
        let contact = CRMContact(id: "ct_1", tags: ["VIP", "customer"], ownerID: "usr_9")
        let owned = { (filter: CRMContactFilter) in
            filter.admits(contact, ownerName: "Ann Marie Owner", ownerEmail: "ann@acme.test")
        }
        #expect(owned(CRMContactFilter(owner: "ann")))
        #expect(owned(CRMContactFilter(owner: "mar")))
        #expect(owned(CRMContactFilter(owner: "ann@acme.test")))
        #expect(owned(CRMContactFilter(owner: "usr_9")))
        #expect(!owned(CRMContactFilter(owner: "nn")), "a word's start, not any substring")
        #expect(owned(CRMContactFilter(tag: "vip")) && owned(CRMContactFilter(owner: "owner", tag: "customer")))
        #expect(!owned(CRMContactFilter(tag: "vi")) && !owned(CRMContactFilter(owner: "bob", tag: "vip")))
    }
}
