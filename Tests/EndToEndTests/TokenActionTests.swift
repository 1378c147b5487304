import BillingActions
import BillingCore
import BillingStore
import BillingSync
import Sandbox
import Testing

/// An action that arrives with its own token (a team viewer's request, performed by `billtop serve`): taken
/// again under the same token, it is answered from the journal and sent no second time; a token that belongs
/// to another action is refused before anything is sent.
@Suite struct TokenActionTests {
    @Test func theSameTokenActsOnceAndAnotherActionsTokenIsRefused() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let config = harness.source(.chargify)
        _ = try await harness.runner([config]).runOnce(full: true, sourceName: nil)
        let source = try #require(try harness.store.source(named: config.name))
        let invoice = try #require(try harness.store.allInvoices(sourceID: source.id).first { $0.value.isOpen })
        let runner = ActionRunner(
            store: harness.store, source: source, config: config, transport: URLSessionTransport(), who: "viewer_1",
            host: "desk-7")
        let resend = Action(kind: .resendInvoice, objectID: invoice.value.id)
        let token = "0123456789abcdef-team-request-1"

        let first = try await runner.perform(resend, token: token)
        let again = try await runner.perform(resend, token: token)
        #expect(first.outcome.state == .done && again.succeeded && again.resumed)
        #expect(again.entry.id == first.entry.id && again.entry.sends == 1)
        let deliveries = await harness.server.world.sideEffects.filter {
            $0.kind == .delivery && $0.invoiceUID == invoice.value.id
        }
        #expect(deliveries.count == 1)
        #expect(try harness.store.actions().filter { $0.token == token }.map(\.who) == ["viewer_1"])

        var other = resend
        other.recipients = ["someone@example.com"]
        await #expect(throws: ActionProblem.self) { _ = try await runner.perform(other, token: token) }
        #expect(try harness.store.actions().count == 1)
    }
}
