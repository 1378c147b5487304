import BillingActions
import BillingCore
import BillingStore
import BilltopApp
import Testing

/// The menu's reasons for a CRM entry it cannot offer: each names the way out, never "no contact" twice.
@Suite struct CRMActionRulesTests {
    private func panel(_ link: CRMLink) -> CRMPanel {
        CRMPanel(link: link, contact: nil, ownerName: "", openTasks: [], latestNotes: [], lastActivity: nil)
    }

    @Test func anUnlinkedCustomerIsToldHowToLinkOne() {
        #expect(CRMActionRules.misfit(.note, crm: panel(.none)) == "no linked CRM contact (b links one)")
    }

    @Test func anAmbiguousLinkSaysWhichContactsShareTheEmail() {
        let reason = CRMActionRules.misfit(.note, crm: panel(.ambiguous(contactIDs: ["c1", "c2"])))
        #expect(reason?.hasPrefix("no CRM contact: ambiguous: 2 contacts share the e-mail (c1, c2)") == true)
    }

    @Test func aStoreWithoutContactsSaysToSyncGHL() {
        #expect(CRMActionRules.misfit(.task, crm: nil) == "no CRM contacts in the store: sync a GHL location first")
    }
}
