import BillingCore
import Foundation
import Testing

@testable import Sandbox

/// The card-update e-mail and its limit, the self-service page token and the billing-portal link.
@Suite struct CardUpdateActionTests {
    @Test func theSixthEmailIn30WorldMinutesIsRefusedInWords() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let s = try await ActionFixtures.subscription(server, state: "past_due")
        let path = "/subscriptions/\(s.id)/request_payment_profiles_update.json"
        for _ in 0..<5 { #expect(try await client.send("POST", path, body: [:] as [String: Any]).status == 200) }
        let sixth = try await client.send("POST", path, body: [:] as [String: Any])
        #expect(sixth.status == 422)
        #expect(ActionFixtures.errors(sixth).first?.contains("at most 5") == true)
        let email = await server.world.company.customer(id: s.customerID)?.email
        let effects = await server.sideEffects()
        #expect(
            effects.count == 5
                && effects.allSatisfy { $0.kind == .cardUpdateEmail && $0.recipients == [email].compactMap { $0 } })
        await server.world.idle(seconds: 30 * 60)
        #expect(
            try await client.send("POST", path, body: [:] as [String: Any]).status == 200, "the window has moved on")
        #expect(
            try await client.send("POST", "/subscriptions/999/request_payment_profiles_update.json", body: nil).status
                == 404)
    }

    @Test func aReusedTokenSendsOneEmail() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let s = try await ActionFixtures.subscription(server, state: "active")
        let path = "/subscriptions/\(s.id)/request_payment_profiles_update.json"
        #expect(try await client.send("POST", path, body: ["uniqueness_token": "card-1"]).status == 200)
        #expect(try await client.send("POST", path, body: ["uniqueness_token": "card-1"]).status == 409)
        #expect(await server.sideEffects().count == 1)
    }

    @Test func theSelfServiceTokenComesOnlyWhenAskedFor() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let s = try await ActionFixtures.subscription(server, state: "active")
        let plain = ActionFixtures.subscription(try await client.get("/subscriptions/\(s.id).json"))
        #expect(plain["self_service_page_token"] == nil)
        let asked = try await client.get("/subscriptions/\(s.id).json?include[]=self_service_page_token")
        let token = try #require(ActionFixtures.subscription(asked)["self_service_page_token"] as? String)
        #expect(token.count == 16)
        #expect(ActionFixtures.subscription(asked)["id"] as? Int == s.id)
        let again = try await client.get("/subscriptions/\(s.id).json?include[]=self_service_page_token")
        #expect(ActionFixtures.subscription(again)["self_service_page_token"] as? String == token)
        #expect(try await client.get("/subscriptions/1.json?include[]=self_service_page_token").status == 404)
    }

    @Test func theManagementLinkHolds15DaysAndIsLimited() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let customer = await server.world.company.customers[0]
        let path = "/portal/customers/\(customer.id)/management_link.json"
        let first = try await client.get(path)
        #expect(first.status == 200)
        let url = try #require(first.object["url"] as? String)
        #expect(url.hasPrefix("https://") && url.contains("/\(customer.id)/"))
        #expect(first.object["fetch_count"] as? Int == 1)
        let created = try #require((first.object["created_at"] as? String).flatMap { Timestamp(iso: $0) })
        let expires = try #require((first.object["expires_at"] as? String).flatMap { Timestamp(iso: $0) })
        #expect(expires.secondsSinceEpoch - created.secondsSinceEpoch == 15 * 86_400)
        #expect(first.object["new_link_available_at"] is String)
        for count in 2...15 {
            let reply = try await client.get(path)
            #expect(
                reply.status == 200 && reply.object["fetch_count"] as? Int == count
                    && reply.object["url"] as? String == url)
        }
        let limited = try await client.get(path)
        #expect(limited.status == 429)
        #expect(ActionFixtures.errors(limited).first?.contains("more than 15") == true)
        await server.world.idle(seconds: 86_400)
        let nextDay = try await client.get(path)
        #expect(nextDay.status == 200 && nextDay.object["url"] as? String == url, "the same link a day later")
        #expect(nextDay.object["fetch_count"] as? Int == 16, "fetches count over the link's life, not the day's")
        await server.world.idle(seconds: 15 * 86_400)
        let renewed = try await client.get(path)
        #expect(
            renewed.status == 200 && renewed.object["url"] as? String != url
                && renewed.object["fetch_count"] as? Int == 1)
        #expect(try await client.get("/portal/customers/1/management_link.json").status == 404)
    }
}
