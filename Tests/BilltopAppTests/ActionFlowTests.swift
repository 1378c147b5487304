import BillingActions
import BillingCore
import TUIKit
import Testing

@testable import BilltopApp

/// The action key's flow in the dashboard (issue 17, point 1 and 3): the menu where the object is, the form,
/// the confirmation that says what will happen, `y` to send, Esc to send nothing; validation and refusals
/// before anything reaches the desk.
struct ActionFlowTests {
    /// 山田太郎 (customer 1004): a past-due JPY subscription and invoice INV-0990 with ¥50,000 due.
    func yamada(_ desk: RecordingDesk, width: Int = 120, height: Int = 40) throws -> Harness {
        try Harness(width: width, height: height, start: .customer(Fixtures.key("1004")), actions: desk)
    }

    @Test func aPaymentIsTypedReviewedAndSentInTheInvoicesCurrency() async throws {
        let desk = RecordingDesk()
        let h = try yamada(desk)
        try h.press(.char("a"))
        #expect(h.text.contains("Act on 太郎 山田 <taro@yamada.jp>"), "\(h.text)")
        #expect(h.text.contains("record a payment on invoice INV-0990"))
        try h.press(.char("p"))
        #expect(h.state.actionForm?.fields.first?.text == "50000", "the amount starts at what is due")
        try h.press(.ctrl("u"))
        try h.type("20000")
        try h.press(.enter)
        #expect(h.text.contains("Amount: ¥20,000 of ¥50,000 due, method other"), "\(h.text)")
        #expect(h.text.contains("Nothing is sent until you press y."))
        #expect(desk.calls.isEmpty, "the confirmation sends nothing")
        try await h.pressAndWait(.char("y"))
        let call = try #require(desk.calls.first)
        #expect(desk.calls.count == 1)
        #expect(call.source == "acme")
        #expect(call.action.kind == .recordPayment)
        #expect(call.action.objectID == "inv_INV-0990")
        #expect(call.action.amount == Money(minorUnits: 20_000, currency: .jpy))
        #expect(call.action.due == Money(minorUnits: 50_000, currency: .jpy))
        #expect(h.text.contains("done: as asked"))
        #expect(h.state.status?.text == "done: as asked")
        try h.press(.escape)
        #expect(h.state.actionForm == nil && h.state.actionMenu == nil)
    }

    /// On a team store the request goes to `billtop serve`: the confirmation says who sends it, with which key.
    @Test func onATeamStoreTheReviewSaysServePerformsIt() throws {
        let desk = RecordingDesk(availability: ActionAvailability(kindReasons: ["acme": [:]], performedByServe: true))
        let h = try yamada(desk)
        try h.press(.char("a"), .char("p"), .enter)
        #expect(h.text.contains("then billtop serve carries it out once"), "\(h.text)")
        let alone = try yamada(RecordingDesk())
        try alone.press(.char("a"), .char("p"), .enter)
        #expect(!alone.text.contains("billtop serve"), "\(alone.text)")
    }

    @Test(arguments: [
        ("60000", "more than the ¥50,000 due"), ("12.5", "has more decimals than JPY"), ("0", "above zero"),
        ("ten", "is not an amount"),
    ])
    func aBadAmountStaysInTheFormWithTheReasonAndNothingIsSent(amount: String, reason: String) throws {
        let desk = RecordingDesk()
        let h = try yamada(desk)
        try h.press(.char("a"), .char("p"), .ctrl("u"))
        try h.type(amount)
        try h.press(.enter)
        #expect(h.state.actionForm?.phase == .editing)
        #expect(h.text.contains(reason), "\(h.text)")
        try h.press(.char("y"))  // typed into the field, never a confirmation
        #expect(desk.calls.isEmpty)
    }

    @Test func escapeOnTheConfirmationSendsNothing() throws {
        let desk = RecordingDesk()
        let h = try yamada(desk)
        try h.press(.char("a"), .char("t"))
        #expect(h.state.actionForm?.phase == .review, "a retry has no fields: straight to the confirmation")
        #expect(h.text.contains("charges the payment method on file"))
        try h.press(.escape)
        #expect(h.state.actionForm == nil)
        #expect(desk.calls.isEmpty)
    }

    @Test func anActionThatDoesNotFitTheObjectSaysWhyAndOpensNoForm() throws {
        let desk = RecordingDesk()
        let h = try yamada(desk)
        try h.press(.char("a"), .char("h"))  // pause a past-due subscription
        #expect(h.state.actionForm == nil)
        #expect(h.text.contains("pause subscription sub_1004: not active (past due)"), "\(h.text)")
        #expect(desk.calls.isEmpty)
    }

    @Test func readOnlyShowsEveryActionUnavailableWithTheReasonAndSendsNothing() throws {
        let reason = "read-only: --read-only is set, so no action is sent (unset it to act)"
        let all = Dictionary(uniqueKeysWithValues: ActionKind.allCases.map { ($0, reason) })
        let desk = RecordingDesk(availability: ActionAvailability(kindReasons: ["acme": all]))
        let h = try yamada(desk)
        try h.press(.char("a"))
        #expect(h.state.actionMenu?.entries.allSatisfy { $0.unavailable != nil } == true)
        try h.press(.char("r"))
        #expect(h.state.actionForm == nil)
        #expect(h.text.contains("resend invoice INV-0990: read-only"), "\(h.text)")
        #expect(desk.calls.isEmpty)
    }

    @Test func withoutADeskTheMenuSaysActionsAreNotSetUp() throws {
        let h = try Harness(width: 120, height: 40, start: .customer(Fixtures.key("1004")))
        try h.press(.char("a"), .char("n"))
        #expect(h.state.actionForm == nil)
        #expect(h.text.contains("actions are not set up"), "\(h.text)")
    }

    @Test func theInvoicesPaneActsOnTheSelectedRow() async throws {
        let desk = RecordingDesk()
        let h = try Harness(width: 120, height: 40, actions: desk)
        try h.press(.char("2"), .char("j"))
        let row = try #require(h.state.invoices.selectedRow)
        try h.press(.char("a"))
        #expect(h.state.actionMenu?.target.invoice?.id == row.id)
        #expect(h.state.actionMenu?.target.key == row.customer)
        try h.press(.char("r"))
        try h.type("billing@acme.io")
        try h.press(.enter)
        #expect(h.text.contains("Also: billing@acme.io"), "\(h.text)")
        try await h.pressAndWait(.char("y"))
        #expect(desk.calls.first?.action.recipients == ["billing@acme.io"])
        #expect(desk.calls.first?.action.objectID == row.id)
    }

    @Test func aNoteIsTypedAndControlCharactersNeverReachIt() async throws {
        let desk = RecordingDesk()
        let h = try yamada(desk)
        try h.press(.char("a"), .char("n"))
        try h.type("called\u{1B}[2J about\u{9B}2J the card\u{7F}")
        try await h.pressAndWait(.enter, .char("y"))
        #expect(desk.calls.first?.action.note == "called[2J about2J the card")
        #expect(desk.calls.first?.action.objectID == "sub_1004")
    }

    @Test func aFailedAnswerIsShownAsAnError() async throws {
        let desk = RecordingDesk(answer: ActionReport(lines: ["refused by the provider (422): no"], succeeded: false))
        let h = try yamada(desk)
        try await h.pressAndWait(.char("a"), .char("u"), .char("y"))
        #expect(h.state.status?.isError == true)
        #expect(h.text.contains("refused by the provider (422): no"))
    }

    @Test func thePortalLinkIsShownUnderTheMenuAndKeptInTheLog() async throws {
        let desk = RecordingDesk()
        let h = try yamada(desk)
        try await h.pressAndWait(.char("a"), .char("l"))
        #expect(h.text.contains("billing portal: https://portal.example/1004"), "\(h.text)")
        #expect(h.state.appLog.contains { $0.message == "billing portal: https://portal.example/1004" })
        #expect(desk.calls.isEmpty, "a read, not an action")
        let none = try Harness(width: 120, height: 40, start: .customer(Fixtures.key("1004")))
        try none.press(.char("a"), .char("l"))
        #expect(none.text.contains("billing-portal link: actions are not set up"), "\(none.text)")
    }

    @Test func aNewCustomerIsTypedReviewedAndCreatedAtTheSelectedRowsSource() async throws {
        let desk = RecordingDesk()
        let h = try Harness(width: 120, height: 40, actions: desk)
        try h.press(.char("N"))
        #expect(h.state.actionForm?.kind == .createCustomer)
        try h.type("Ada")
        try h.press(.tab)
        try h.type("Byron")
        try h.press(.enter)
        #expect(h.text.contains("E-mail"), "an e-mail is required before anything is sent: \(h.text)")
        #expect(!h.text.contains("--email"), "the form names its fields, not the shell's flags")
        try h.press(.tab)
        try h.type("ada@example.org")
        try h.press(.tab)
        try h.type("Analytical Engines")
        try h.press(.enter)
        #expect(h.text.contains("New customer: Ada Byron <ada@example.org>"), "\(h.text)")
        #expect(h.text.contains("Company: Analytical Engines"))
        try await h.pressAndWait(.char("y"))
        let call = try #require(desk.calls.first)
        #expect(call.source == "acme" && call.action.kind == .createCustomer && call.action.objectID.isEmpty)
        #expect(
            call.action.newCustomer
                == .init(
                    firstName: "Ada", lastName: "Byron", email: "ada@example.org", organization: "Analytical Engines"))
    }

    @Test func attemptsLeftUnansweredAreResumedAtStartAndSaidSo() async throws {
        let desk = RecordingDesk(unfinished: [ActionReport(lines: ["already done: resend_invoice"], succeeded: true)])
        let h = try Harness(width: 120, height: 40, actions: desk)
        try await h.pressAndWait()
        #expect(h.state.status?.text.contains("resumed 1 unfinished action(s)") == true, "\(h.state.status as Any)")
    }
}

/// The menu and the confirmation as text and style masks at pinned sizes.
struct ActionSnapshotTests {
    @Test(arguments: [(80, 24), (120, 40)])
    func menuOnAPastDueAccount(size: (Int, Int)) throws {
        let h = try Harness(
            width: size.0, height: size.1, start: .customer(Fixtures.key("1004")), actions: RecordingDesk())
        try h.press(.char("a"))
        try SnapshotAssertion.assertMatches(h.frame, named: "action-menu-\(size.0)x\(size.1)")
    }

    @Test func menuOnASmallTerminalSaysWhatItLeavesOut() throws {
        let h = try Harness(width: 60, height: 16, start: .customer(Fixtures.key("1004")), actions: RecordingDesk())
        try h.press(.char("a"))
        #expect(h.text.contains("more (some not possible here)"), "\(h.text)")
        #expect(!h.text.contains("pause subscription"), "an entry that cannot be done goes first")
        try SnapshotAssertion.assertMatches(h.frame, named: "action-menu-60x16")
    }

    @Test func paymentConfirmation80x24() throws {
        let h = try Harness(width: 80, height: 24, start: .customer(Fixtures.key("1006")), actions: RecordingDesk())
        try h.press(.char("a"), .char("p"), .ctrl("u"))
        try h.type("4.250")
        try h.press(.tab, .ctrl("u"))
        try h.type("check")
        try h.press(.tab)
        try h.type("wire ref 77")
        try h.press(.enter)
        try SnapshotAssertion.assertMatches(h.frame, named: "action-pay-review-80x24")
    }
}
