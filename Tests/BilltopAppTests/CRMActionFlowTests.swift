import BillingActions
import BillingCore
import BillingStore
import TUIKit
import Testing

@testable import BilltopApp

/// The CRM entries of the action menu (issue 19 point 3): a note, a task for the owner, completing an open
/// task, each through the form and its confirmation; refused in the menu, with the reason, where they cannot
/// be written (no contact, an ambiguous e-mail, no GHL token, read-only).
struct CRMActionFlowTests {
    static let contact = CRMContact(
        id: "ct_9", firstName: "Taro", lastName: "Yamada", email: "taro@yamada.jp", ownerID: "usr_1")
    static let panel = CRMPanel(
        link: .contact(id: "ct_9", basis: .email), contact: contact, ownerName: "Ann Owner",
        openTasks: [
            CRMTask(id: "tk_1", contactID: "ct_9", title: "Call back", dueDate: 1_781_913_600_000),
            CRMTask(id: "tk_2", contactID: "ct_9", title: "Send the contract", dueDate: nil),
        ],
        latestNotes: [], lastActivity: nil)

    func yamada(_ desk: RecordingDesk, crm: CRMPanel? = panel) throws -> Harness {
        try Harness(
            width: 120, height: 44, data: Fixtures.data(crm: crm.map { ["1004": $0] } ?? [:]),
            start: .customer(Fixtures.key("1004")), actions: desk)
    }

    @Test func aNoteIsTypedReviewedAndWrittenToTheLinkedContact() async throws {
        let desk = RecordingDesk()
        let h = try yamada(desk)
        try h.press(.char("a"))
        #expect(h.text.contains("add a CRM note to Taro Yamada"), "\(h.text)")
        try h.press(.char("g"))
        #expect(h.text.contains("Add a CRM note"))
        try h.type("Promised to pay Friday")
        try h.press(.enter)
        #expect(h.text.contains("GHL contact: Taro Yamada <taro@yamada.jp>, id ct_9"), "\(h.text)")
        #expect(h.text.contains("Note: Promised to pay Friday"))
        #expect(desk.crmCalls.isEmpty, "the confirmation sends nothing")
        try await h.pressAndWait(.char("y"))
        let call = try #require(desk.crmCalls.first)
        #expect(desk.crmCalls.count == 1 && desk.calls.isEmpty)
        #expect(call.source == "acme")
        #expect(call.write == .note(contactID: "ct_9", customerID: "1004", body: "Promised to pay Friday"))
        #expect(h.state.status?.text == "done: as asked")
    }

    @Test func aTaskStartsWithTheOverdueInvoiceAndTomorrowAndGoesToTheOwner() async throws {
        let desk = RecordingDesk()
        let h = try yamada(desk)
        try h.press(.char("a"), .char("k"))
        let form = try #require(h.state.actionForm)
        #expect(form.fields.map(\.text) == ["Follow up: ¥50,000 due on invoice INV-0990", "2026-06-21", ""])
        try h.press(.enter)
        #expect(h.text.contains("Assigned to: Ann Owner"), "\(h.text)")
        try await h.pressAndWait(.char("y"))
        let write = try #require(desk.crmCalls.first?.write)
        #expect(write.kind == .task && write.contactID == "ct_9" && write.assignee == "usr_1")
        #expect(write.title == "Follow up: ¥50,000 due on invoice INV-0990")
        #expect(write.dueMilliseconds == Timestamp(startOf: Fixtures.d("2026-06-21")).secondsSinceEpoch * 1000)
    }

    @Test(arguments: [("", "2026-07-01", "the task has no title"), ("Call", "next week", "Due takes a day")])
    func aBadTaskStaysInTheForm(title: String, due: String, reason: String) throws {
        let desk = RecordingDesk()
        let h = try yamada(desk)
        try h.press(.char("a"), .char("k"), .ctrl("u"))
        try h.type(title)
        try h.press(.tab, .ctrl("u"))
        try h.type(due)
        try h.press(.enter)
        #expect(h.state.actionForm?.phase == .editing)
        #expect(h.text.contains(reason), "\(h.text)")
        #expect(desk.crmCalls.isEmpty)
    }

    @Test func completingATaskChoosesItByNumber() async throws {
        let desk = RecordingDesk()
        let h = try yamada(desk)
        try h.press(.char("a"))
        #expect(h.text.contains("complete a CRM task (2 open)"))
        try h.press(.char("x"), .ctrl("u"))
        try h.type("3")
        try h.press(.enter)
        #expect(h.text.contains("Task takes a number from 1 to 2"), "\(h.text)")
        try h.press(.backspace)
        try h.type("2")
        try h.press(.enter)
        #expect(h.text.contains("Task: Send the contract"), "\(h.text)")
        try await h.pressAndWait(.char("y"))
        #expect(desk.crmCalls.map(\.write) == [.completeTask(contactID: "ct_9", customerID: "1004", taskID: "tk_2")])
    }

    @Test func anAmbiguousLinkIsRefusedInTheMenuWithWhatToDo() throws {
        let desk = RecordingDesk()
        let ambiguous = CRMPanel(
            link: .ambiguous(contactIDs: ["ct_1", "ct_2"]), contact: nil, ownerName: "", openTasks: [],
            latestNotes: [], lastActivity: nil)
        let h = try yamada(desk, crm: ambiguous)
        try h.press(.char("a"), .char("g"))
        #expect(h.state.actionForm == nil)
        #expect(h.text.contains("2 contacts share the e-mail"), "\(h.text)")
        #expect(desk.crmCalls.isEmpty)
    }

    @Test func withoutAGHLTokenTheCRMEntriesSayHowToGetOne() throws {
        let reason = "no GHL location with a token here: add a [[source]] kind = \"ghl\" to config.toml"
        let desk = RecordingDesk(availability: ActionAvailability(kindReasons: ["acme": [:]], crmReason: reason))
        let h = try yamada(desk)
        try h.press(.char("a"), .char("k"))
        #expect(h.state.actionForm == nil)
        #expect(h.state.actionMenu?.problem?.contains("no GHL location with a token") == true)
        #expect(desk.crmCalls.isEmpty)
    }
}

extension CRMActionFlowTests {
    @Test func withoutCRMContactsTheMenuLeavesTheCRMLinesOutAndTheirKeysSayWhy() throws {
        let desk = RecordingDesk()
        let h = try yamada(desk, crm: nil)
        try h.press(.char("a"))
        #expect(!h.text.contains("a CRM note") && !h.text.contains("a CRM task"), "\(h.text)")
        try h.press(.char("g"))
        #expect(h.state.actionForm == nil)
        #expect(h.state.actionMenu?.problem == "no CRM contacts in the store: sync a GHL location first")
    }
}

extension CRMActionFlowTests {
    /// The customers pane's `owner:` and `tag:` words keep the customers whose contact passes.
    @Test func theCustomersPaneFiltersByOwnerAndTag() throws {
        var tagged = Self.contact
        tagged.tags = ["vip"]
        let panel = CRMPanel(
            link: .contact(id: "ct_9", basis: .email), contact: tagged, ownerName: "Ann Owner", openTasks: [],
            latestNotes: [], lastActivity: nil)
        let h = try Harness(width: 120, height: 40, data: Fixtures.data(crm: ["1004": panel]))
        try h.press(.char("/"))
        try h.type("owner:ann")
        #expect(h.state.customers.page.total == 1 && h.state.customers.page.rows.first?.key.id == "1004", "\(h.text)")
        try h.press(.ctrl("u"))
        try h.type("tag:vip 山田")
        #expect(h.state.customers.page.total == 1, "\(h.text)")
        try h.press(.ctrl("u"))
        try h.type("owner:bob")
        #expect(h.state.customers.page.total == 0, "\(h.text)")
    }
}

extension CRMActionFlowTests {
    /// An ambiguous e-mail is settled from the screen: `b`, a contact id, `y`; empty text unlinks.
    @Test func anAmbiguousLinkIsSettledFromTheScreen() async throws {
        let desk = RecordingDesk()
        let ambiguous = CRMPanel(
            link: .ambiguous(contactIDs: ["ct_1", "ct_2"]), contact: nil, ownerName: "", openTasks: [],
            latestNotes: [], lastActivity: nil)
        let h = try yamada(desk, crm: ambiguous)
        try h.press(.char("a"))
        #expect(h.text.contains("link to another CRM contact, or unlink (ambiguous"), "\(h.text)")
        try h.press(.char("b"))
        try h.type("ct_2")
        try h.press(.enter)
        #expect(h.text.contains("links the customer to contact ct_2 by hand"), "\(h.text)")
        try await h.pressAndWait(.char("y"))
        try h.press(.escape)
        try h.press(.char("a"), .char("b"), .ctrl("u"), .enter)
        #expect(h.text.contains("This unlinks the customer"), "\(h.text)")
        try await h.pressAndWait(.char("y"))
        #expect(desk.linkCalls.map(\.contact) == ["ct_2", ""] && desk.linkCalls.allSatisfy { $0.key.id == "1004" })
        #expect(desk.crmCalls.isEmpty && desk.calls.isEmpty, "nothing goes to a provider")
    }
}
