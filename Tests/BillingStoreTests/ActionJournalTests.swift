import BillingStore
import Foundation
import Testing

/// The action journal (issue 17): an attempt is committed with its token before any request, an attempt
/// sent and never finished is found again to resume with the same token, and the audit reads every attempt.
@Suite struct ActionJournalTests {
    func draft(_ source: Int64, kind: String = "resend_invoice", object: String = "inv_1", customer: String? = "7")
        -> BillingStore.ActionDraft
    {
        BillingStore.ActionDraft(
            sourceID: source, kind: kind, objectKind: "invoice", objectID: object, customerID: customer,
            parameters: #"{"to":["a@b.io"]}"#, who: "agent", host: "desk")
    }

    @Test func beginCommitsAPendingAttemptWithAFreshTokenBeforeAnyRequest() throws {
        let (store, source) = try StoreFixtures.openStore()
        let first = try store.beginAction(draft(source.id))
        let second = try store.beginAction(draft(source.id))
        #expect(first.state == .pending && first.sends == 0 && first.token.count >= 32)
        #expect(first.token != second.token, "every attempt gets its own token")
        // Another connection (a second process) sees it at once: it is committed, not buffered.
        let reopened = try BillingStore.open(path: store.path)
        #expect(try reopened.action(id: first.id)?.token == first.token)
        #expect(try reopened.action(id: first.id)?.parameters == #"{"to":["a@b.io"]}"#)
    }

    @Test func anAttemptSentAndNeverFinishedIsPendingUntilFinished() throws {
        let (store, source) = try StoreFixtures.openStore()
        let entry = try store.beginAction(draft(source.id))
        try store.markActionSent(id: entry.id)
        #expect(try store.pendingActions(sourceID: source.id).map(\.token) == [entry.token])
        // Resumed: sent again with the same token, then the provider's 409.
        try store.markActionSent(id: entry.id)
        try store.finishAction(
            id: entry.id, state: .alreadyDone, providerStatus: 409, message: "already done", durationMs: 12)
        #expect(try store.pendingActions(sourceID: source.id).isEmpty)
        let finished = try #require(try store.action(id: entry.id))
        #expect(finished.sends == 2 && finished.state == .alreadyDone && finished.providerStatus == 409)
        #expect(finished.sentAt != nil && finished.finishedAt != nil && finished.durationMs == 12)
    }

    @Test func pendingIsPerSourceAndTheAuditFiltersByCustomerNewestFirst() throws {
        let (store, source) = try StoreFixtures.openStore()
        let other = try store.registerSource(name: "other", kind: "chargify", baseURL: "http://127.0.0.1:1")
        let mine = try store.beginAction(draft(source.id, customer: "7"))
        _ = try store.beginAction(draft(other.id, customer: "8"))
        let later = try store.beginAction(draft(source.id, kind: "record_payment", customer: "7"))
        try store.finishAction(id: later.id, state: .refused, providerStatus: 422, message: "no", durationMs: 3)
        #expect(try store.pendingActions(sourceID: source.id).map(\.id) == [mine.id])
        #expect(try store.actions(customerID: "7").map(\.id) == [later.id, mine.id])
        #expect(try store.actions().count == 3)
        #expect(try store.actions(limit: 1).map(\.id) == [try store.actions().first?.id])
    }
}
