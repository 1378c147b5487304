import BillingCore
import Foundation

@testable import Sandbox

/// Finding and shaping the records an action test needs, in the small test company.
enum ActionFixtures {
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// The first subscription in `state` that also satisfies `extra`.
    static func subscription(
        _ server: SandboxServer, state: String,
        _ extra: @Sendable (SandboxSubscription) -> Bool = { _ in true }
    ) async throws -> SandboxSubscription {
        guard let found = await server.world.company.subscriptions.first(where: { $0.state == state && extra($0) })
        else {
            throw Missing(description: "no \(state) subscription in the test company")
        }
        return found
    }

    /// Gives subscription `id` a card that works (expires in 2030) or one that expired in 2020.
    static func setCard(_ server: SandboxServer, subscriptionID id: Int, works: Bool) async {
        await server.world.edit { company in
            guard let index = company.subscriptionIndex(id: id) else { return }
            var card =
                company.subscriptions[index].creditCard
                ?? SandboxCreditCard(
                    id: 1, firstName: "A", lastName: "B", cardType: "visa", maskedCardNumber: "XXXX-XXXX-XXXX-1111",
                    expirationMonth: 1, expirationYear: 2030)
            card.expirationYear = works ? 2030 : 2020
            company.subscriptions[index].creditCard = card
        }
    }

    /// Makes `reason` the latest `payment_failure` of subscription `id` (what a retry goes by).
    static func setLastFailure(_ server: SandboxServer, subscriptionID id: Int, reason: String) async {
        await server.world.edit { company in
            guard let s = company.subscription(id: id) else { return }
            var event = SubscriptionGenerator.event(
                "payment_failure", "Payment failed: \(reason)", s, at: company.now.secondsSinceEpoch,
                data: "{\"failure_message\":\"\(reason)\"}")
            event.id = (company.events.last?.id ?? 0) + 1
            company.events.append(event)
        }
    }

    /// The first open invoice with something due, in `currency` when given.
    static func openInvoice(_ server: SandboxServer, currency: Currency? = nil) async throws -> SandboxInvoice {
        let found = await server.world.company.invoices.first {
            $0.status == "open" && $0.due > 0 && (currency == nil || $0.currency == currency)
        }
        guard let found else { throw Missing(description: "no open invoice with an amount due") }
        return found
    }

    /// The events of one subscription, oldest first, as the world holds them.
    static func eventKeys(_ server: SandboxServer, subscriptionID id: Int, after: Int) async -> [String] {
        await server.world.company.events.filter { $0.subscriptionID == id && $0.id > after }.map(\.key)
    }

    static func lastEventID(_ server: SandboxServer) async -> Int {
        await server.world.company.events.last?.id ?? 0
    }

    /// The `subscription` object of a reply.
    static func subscription(_ reply: HTTPTestClient.Reply) -> [String: Any] {
        reply.object["subscription"] as? [String: Any] ?? [:]
    }

    static func errors(_ reply: HTTPTestClient.Reply) -> [String] {
        reply.object["errors"] as? [String] ?? []
    }

    /// A Truto client of `server` and the query every proxy call carries.
    static func truto(_ server: SandboxServer, idempotencyKey: String? = nil) -> (HTTPTestClient, String) {
        var headers: [String: String] = [:]
        if let idempotencyKey { headers["Idempotency-Key"] = idempotencyKey }
        let client = HTTPTestClient(baseURL: server.baseURL, authorization: "Bearer sandbox", extraHeaders: headers)
        return (client, "integrated_account_id=\(server.integratedAccountID)")
    }
}
