import BillingCore
import Foundation
import Testing

@testable import Sandbox

/// The site-wide components listing through Truto's proxy: the provider's array as `result`, its page
/// numbers under Truto's cursor, filters carried by the cursor; and an integration without it (404).
@Suite struct TrutoProxyComponentsTests {
    @Test func theProxiedListingPagesByCursorAndHoldsWhatTheSiteListingHolds() async throws {
        let (server, client) = try await TestSandbox.start(customers: 40)
        defer { Task { await server.stop() } }
        let company = await server.world.company
        let truto = TrutoTests.client(server)
        let ids = company.subscriptions.prefix(30).map { String($0.id) }.joined(separator: ",")
        let direct = try await client.get("/subscriptions_components.json?subscription_ids=\(ids)&per_page=200&sort=id")
        let expected = try #require(direct.object["subscriptions_components"] as? [[String: Any]])
        #expect(expected.count > 7, "too few components to need a second page")
        // limit 7: several pages, each but the last full; the cursor keeps subscription_ids and sort.
        let proxied = try await TrutoTests.all(
            truto, "/proxy/subscriptions_components?subscription_ids=\(ids)&sort=id&limit=7",
            account: company.integratedAccountID)
        func key(_ c: [String: Any]) -> String { "\(c["subscription_id"] ?? "")/\(c["component_id"] ?? "")" }
        #expect(proxied.map(key) == expected.map(key))
        #expect(proxied.map { $0["allocated_quantity"] as? Int } == expected.map { $0["allocated_quantity"] as? Int })
        #expect(await server.requestCount(pathPrefix: "/proxy/subscriptions_components") == (expected.count + 7) / 7)
    }

    @Test func aMissingEndpointAnswers404InTheAPIsOwnShape() async throws {
        let faults = FaultPlan(missingEndpoints: ["/proxy/subscriptions_components", "/subscriptions_components.json"])
        let (server, client) = try await TestSandbox.start(customers: 5, faults: faults)
        defer { Task { await server.stop() } }
        let account = await server.world.company.integratedAccountID
        let proxied = try await TrutoTests.client(server).get(
            "/proxy/subscriptions_components?integrated_account_id=\(account)")
        #expect(proxied.status == 404 && proxied.object["statusCode"] as? Int == 404)
        let direct = try await client.get("/subscriptions_components.json")
        #expect(direct.status == 404 && direct.object["errors"] as? [String] == ["Not Found"])
        // Everything else is served as usual.
        #expect(try await client.get("/subscriptions.json").status == 200)
    }
}
