import BilltopApp
import Testing

/// An empty customers pane says which part of the search emptied it.
@Suite struct CustomersPaneNoMatchTests {
    @Test func aPlainSearchSaysNoCustomerMatches() {
        #expect(CustomersPaneView.noMatch("zebedee") == "no customer matches this search")
    }

    @Test func aCRMFilterIsNamedWithTheWordsBesideIt() {
        #expect(CustomersPaneView.noMatch("owner:ann") == "no customer whose CRM contact has owner ann")
        #expect(
            CustomersPaneView.noMatch("jo  tag:VIP owner:ann")
                == "no customer matching \"jo\" whose CRM contact has owner ann, tag vip")
    }

    @Test func hostileWordsAreCleaned() {
        #expect(!CustomersPaneView.noMatch("\u{1B}[2J tag:x").contains("\u{1B}"))
    }
}
