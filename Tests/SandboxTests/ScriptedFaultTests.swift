import Foundation
import Testing

@testable import Sandbox

/// The deterministic fault modes: they hit exactly the requests the plan names, and the request log
/// records what arrived.
@Suite struct ScriptedFaultTests {
    static let customers = "/customers.json?per_page=5"

    @Test func rateLimitedRequestsAreExactlyThoseNamedWithTheirHeader() async throws {
        let (server, client) = try await TestSandbox.start(
            faults: FaultPlan(retryAfter: .seconds(2), rateLimitedRequests: 2...3))
        defer { Task { await server.stop() } }
        let replies = try await FaultTests.burst(client, 5, path: Self.customers)
        #expect(replies.map(\.status) == [200, 429, 429, 200, 200])
        #expect(replies[1].header("Retry-After") == "2")
        // A new plan counts from 1 again.
        await server.setFaults(FaultPlan(retryAfter: .absent, rateLimitedRequests: 1...1))
        let again = try await FaultTests.burst(client, 2, path: Self.customers)
        #expect(again.map(\.status) == [429, 200] && again[0].header("Retry-After") == nil)
        let log = await server.requestLog()
        #expect(log.map(\.status) == [200, 429, 429, 200, 200, 429, 200])
        #expect(log.map(\.number) == [1, 2, 3, 4, 5, 1, 2])
        #expect(log[0].path == "/customers.json" && log[0].parameter("per_page") == "5")
        #expect(zip(log, log.dropFirst()).allSatisfy { $0.arrivedAt <= $1.arrivedAt })
    }

    @Test func pagingTrapsRepeatThePageOrTheCursor() async throws {
        let (server, client) = try await TestSandbox.start(faults: FaultPlan(pagingTrap: .samePageForever))
        defer { Task { await server.stop() } }
        let first = try await client.get("/customers.json?per_page=5&page=1")
        let third = try await client.get("/customers.json?per_page=5&page=3")
        #expect(first.body == third.body && first.array.count == 5)
        await server.setFaults(FaultPlan(pagingTrap: .repeatCursor))
        let account = server.integratedAccountID
        let truto = TrutoTests.client(server)
        let page1 = try await truto.get(
            "/unified/subscription-management/customers?limit=5&integrated_account_id=\(account)")
        let cursor = try #require(page1.object["next_cursor"] as? String)
        let page2 = try await truto.get(
            "/unified/subscription-management/customers?integrated_account_id=\(account)&next_cursor=\(cursor)")
        #expect(page2.object["next_cursor"] as? String == cursor)
    }

    @Test func expiredCursorsIgnoredFiltersAndLocalOffsets() async throws {
        let (server, _) = try await TestSandbox.start(faults: FaultPlan(expiredCursorRequests: 2...2))
        defer { Task { await server.stop() } }
        let account = server.integratedAccountID
        let truto = TrutoTests.client(server)
        var cursor = try #require(
            try await truto.get("/unified/subscription-management/customers?limit=5&integrated_account_id=\(account)")
                .object["next_cursor"] as? String)
        let path = "/unified/subscription-management/customers?integrated_account_id=\(account)&next_cursor="
        let second = try await truto.get(path + cursor)
        cursor = try #require(second.object["next_cursor"] as? String)
        #expect(try await truto.get(path + cursor).status == 400, "the second cursor presented is refused")
        #expect(try await truto.get(path + cursor).status == 200, "the third is not")

        let client = HTTPTestClient(baseURL: server.baseURL, authorization: HTTPTestClient.basic("sandbox"))
        let future = "/customers.json?per_page=200&date_field=updated_at&start_datetime=2100-01-01%2000:00:00%2B00:00"
        #expect(try await client.get(future).array.isEmpty)
        await server.setFaults(FaultPlan(ignoresTimeFilter: true, siteTimeZone: "America/New_York"))
        let ignored = try await client.get(future)
        #expect(ignored.array.count == 60)
        // The default "now" is in June: New York is on daylight time, 4 hours behind UTC.
        #expect(ignored.text.contains("-04:00\"") && !ignored.text.contains("Z\""))
    }
}
