import BillingCore
import Foundation
import Testing

@testable import Sandbox

/// `GET /subscriptions_components.json` (every subscription's components in one listing) and the
/// `Date` header from the world's clock.
@Suite struct SiteComponentsTests {
    @Test func theSiteListingHoldsExactlyEachSubscriptionsComponents() async throws {
        let (server, client) = try await TestSandbox.start(customers: 40)
        defer { Task { await server.stop() } }
        let company = await server.world.company
        let subscriptions = Array(company.subscriptions.prefix(30))
        let ids = subscriptions.map { String($0.id) }.joined(separator: ",")
        var listed: [[String: Any]] = []
        for page in 1...20 {
            let reply = try await client.get(
                "/subscriptions_components.json?subscription_ids=\(ids)&per_page=7&page=\(page)")
            #expect(reply.status == 200)
            let list = try #require(reply.object["subscriptions_components"] as? [[String: Any]])
            listed += list
            if list.count < 7 { break }
        }
        for subscription in subscriptions {
            let mine = listed.filter { ($0["subscription_id"] as? Int) == subscription.id }
            let perSubscription = try await client.get("/subscriptions/\(subscription.id)/components.json").array
                .compactMap { $0["component"] as? [String: Any] }
            #expect(mine.count == subscription.components.count)
            #expect(mine.map { $0["component_id"] as? Int } == perSubscription.map { $0["component_id"] as? Int })
            #expect(
                mine.map { $0["allocated_quantity"] as? Int }
                    == perSubscription.map { $0["allocated_quantity"] as? Int })
        }
        // Unwrapped elements, in subscription id order.
        #expect(listed.allSatisfy { $0["component"] == nil && $0["kind"] != nil })
        let order = listed.compactMap { $0["subscription_id"] as? Int }
        #expect(order == order.sorted())
    }

    @Test func filtersPagingAndBadIds() async throws {
        let (server, client) = try await TestSandbox.start(customers: 40)
        defer { Task { await server.stop() } }
        let company = await server.world.company
        let total = company.subscriptions.reduce(0) { $0 + $1.components.count }
        let all = try await client.get("/subscriptions_components.json?per_page=200")
        #expect((all.object["subscriptions_components"] as? [Any])?.count == min(200, total))
        let past = try await client.get("/subscriptions_components.json?per_page=200&page=999")
        #expect((past.object["subscriptions_components"] as? [Any])?.isEmpty == true)
        let future = Timestamp(secondsSinceEpoch: company.now.secondsSinceEpoch + 86_400).iso8601
        let none = try await client.get("/subscriptions_components.json?date_field=updated_at&start_datetime=\(future)")
        #expect((none.object["subscriptions_components"] as? [Any])?.isEmpty == true)
        let id = try #require(company.subscriptions.first { !$0.components.isEmpty })
        let embedded = try await client.get(
            "/subscriptions_components.json?subscription_ids=\(id.id)&include=subscription")
        let first = try #require((embedded.object["subscriptions_components"] as? [[String: Any]])?.first)
        #expect((first["subscription"] as? [String: Any])?["id"] as? Int == id.id)
        #expect(try await client.get("/subscriptions_components.json?subscription_ids=1,x").status == 422)
        let tooMany = (1...201).map(String.init).joined(separator: ",")
        #expect(try await client.get("/subscriptions_components.json?subscription_ids=\(tooMany)").status == 422)
    }

    @Test func theDateHeaderIsTheWorldsClock() async throws {
        let (server, client) = try await TestSandbox.start(customers: 10)
        defer { Task { await server.stop() } }
        let now = await server.world.now.secondsSinceEpoch
        #expect(try await client.get("/customers.json").header("Date") == HTTPDate.format(now))
        await server.world.idle(seconds: 3_600)
        let later = try await client.get("/nothing.json")
        #expect(later.header("Date") == HTTPDate.format(now + 3_600))
        #expect(later.header("X-Sandbox-World-Date") == nil)
        #expect(HTTPDate.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }
}
