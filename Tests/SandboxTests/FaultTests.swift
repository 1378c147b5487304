import Foundation
import Testing

@testable import Sandbox

@Suite struct FaultTests {
    /// Sends `count` sequential customer reads and returns the replies.
    static func burst(_ client: HTTPTestClient, _ count: Int, path: String = "/customers.json?per_page=5") async throws
        -> [HTTPTestClient.Reply]
    {
        var replies: [HTTPTestClient.Reply] = []
        for _ in 0..<count { replies.append(try await client.get(path)) }
        return replies
    }

    @Test func serverErrorsArriveAtTheSeededRateAndRepeat() async throws {
        let plan = FaultPlan(seed: 3, serverErrorRate: 0.25)
        let (server, client) = try await TestSandbox.start(faults: plan)
        defer { Task { await server.stop() } }
        let first = try await Self.burst(client, 200).map(\.status)
        let failures = first.filter { $0 >= 500 }.count
        #expect((30...70).contains(failures), "\(failures) of 200")
        #expect(Set(first.filter { $0 >= 500 }).isSubset(of: [500, 502, 503, 504]))
        // Same plan, same request order: the same requests fail.
        let (again, client2) = try await TestSandbox.start(faults: plan)
        defer { Task { await again.stop() } }
        let second = try await Self.burst(client2, 200).map(\.status)
        #expect(first == second)
    }

    @Test func htmlBodiesAndTruncatedBodiesAtTheirRates() async throws {
        let (server, client) = try await TestSandbox.start(
            faults: FaultPlan(seed: 5, truncatedBodyRate: 0.2, htmlBodyRate: 0.1))
        defer { Task { await server.stop() } }
        let replies = try await Self.burst(client, 200)
        let html = replies.filter { $0.status == 200 && $0.header("Content-Type")?.hasPrefix("text/html") == true }
        let broken = replies.filter {
            $0.status == 200 && $0.header("Content-Type")?.hasPrefix("application/json") == true && $0.json == nil
        }
        #expect((8...35).contains(html.count), "html \(html.count)")
        #expect((20...60).contains(broken.count), "truncated \(broken.count)")
        #expect(broken.allSatisfy { $0.body.first == UInt8(ascii: "[") })
    }

    @Test func perMinuteBudgetAnswers429WithOrWithoutRetryAfter() async throws {
        for style in [FaultPlan.RetryAfter.seconds(30), .httpDate(secondsFromNow: 45), .absent] {
            let (server, client) = try await TestSandbox.start(
                faults: FaultPlan(rateLimitPerMinute: 10, retryAfter: style))
            let replies = try await Self.burst(client, 14)
            await server.stop()
            let limited = replies.filter { $0.status == 429 }
            // The window opens with the first request, so 14 quick requests are 10 answered and 4 refused.
            #expect(replies.prefix(10).allSatisfy { $0.status == 200 })
            #expect(limited.count == 4)
            switch style {
            case .seconds: #expect(limited.allSatisfy { $0.header("Retry-After") == "30" })
            case .httpDate: #expect(limited.allSatisfy { $0.header("Retry-After")?.hasSuffix("GMT") == true })
            case .absent: #expect(limited.allSatisfy { $0.header("Retry-After") == nil })
            }
        }
    }

    @Test func concurrencyCapAnswers429BeyondFourInFlight() async throws {
        let (server, client) = try await TestSandbox.start(
            faults: FaultPlan(concurrencyCap: 4, latencyMilliseconds: 400))
        defer { Task { await server.stop() } }
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<10 { group.addTask { try await client.get("/customers.json").status } }
            var all: [Int] = []
            for try await status in group { all.append(status) }
            return all
        }
        #expect(statuses.filter { $0 == 200 }.count <= 4)
        #expect(statuses.filter { $0 == 429 }.count >= 6)
    }

    @Test func slowTrickleStillDeliversTheWholeBody() async throws {
        let (server, client) = try await TestSandbox.start(
            faults: FaultPlan(trickleChunkBytes: 512, trickleDelayMilliseconds: 1))
        defer { Task { await server.stop() } }
        let reply = try await client.get("/customers.json?per_page=20")
        #expect(reply.status == 200 && reply.array.count == 20)
    }

    @Test func expiredCursorsAreRefused() async throws {
        let (server, _) = try await TestSandbox.start(faults: FaultPlan(cursorExpirySeconds: 0))
        defer { Task { await server.stop() } }
        let account = await server.world.company.integratedAccountID
        let client = TrutoTests.client(server)
        let first = try await client.get(
            "/unified/subscription-management/customers?limit=5&integrated_account_id=\(account)")
        let cursor = try #require(first.object["next_cursor"] as? String)
        let next = try await client.get(
            "/unified/subscription-management/customers?integrated_account_id=\(account)&next_cursor=\(cursor)")
        #expect(next.status == 400)
        #expect((next.object["message"] as? String)?.contains("expired") == true)
    }

    @Test func trutoFaultsUseTrutosEnvelope() async throws {
        let (server, _) = try await TestSandbox.start(faults: FaultPlan(seed: 9, serverErrorRate: 1))
        defer { Task { await server.stop() } }
        let account = await server.world.company.integratedAccountID
        let replies = try await Self.burst(
            TrutoTests.client(server), 20,
            path: "/unified/subscription-management/customers?integrated_account_id=\(account)")
        let json = replies.filter { $0.status == 500 || $0.status == 503 }
        #expect(json.allSatisfy { $0.object["truto_is_remote_error"] as? Bool == true })
    }
}
