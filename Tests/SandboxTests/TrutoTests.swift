import BillingCore
import Foundation
import Testing

@testable import Sandbox

@Suite struct TrutoTests {
    static func client(_ server: SandboxServer) -> HTTPTestClient {
        HTTPTestClient(baseURL: server.baseURL, authorization: "Bearer sandbox")
    }

    /// Follows next_cursor to the end and returns every result object.
    static func all(_ client: HTTPTestClient, _ path: String, account: String) async throws -> [[String: Any]] {
        var results: [[String: Any]] = []
        var reply = try await client.get("\(path)\(path.contains("?") ? "&" : "?")integrated_account_id=\(account)")
        var pages = 0
        while true {
            #expect(reply.status == 200, "\(reply.text.prefix(200))")
            // No limit configured: none is reported (FaultTests checks the headers under a limit).
            #expect(reply.header("ratelimit-limit") == nil && reply.header("ratelimit-remaining") == nil)
            let page = reply.object["result"] as? [[String: Any]] ?? []
            #expect(reply.object["result_count"] as? Int == page.count)
            results += page
            pages += 1
            guard let cursor = reply.object["next_cursor"] as? String, pages < 10_000 else { break }
            reply = try await client.get(
                "\(path.split(separator: "?").first!)?integrated_account_id=\(account)&next_cursor=\(cursor)")
        }
        return results
    }

    @Test func unifiedAndChargifyViewsAgreeRecordForRecord() async throws {
        let (server, _) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let company = await server.world.company
        let client = Self.client(server)
        for limit in [1, 7, 25, 250] {
            let customers = try await Self.all(
                client, "/unified/subscription-management/customers?limit=\(limit)",
                account: company.integratedAccountID)
            #expect(
                customers.compactMap { $0["id"] as? String } == company.customers.map { String($0.id) },
                "limit \(limit)")
            #expect(customers.compactMap { $0["email"] as? String } == company.customers.map(\.email))
            #expect(
                customers.compactMap { ($0["remote_data"] as? [String: Any])?["id"] as? Int }
                    == company.customers.map(\.id))
        }
        let invoices = try await Self.all(
            client, "/unified/subscription-management/invoices?limit=50", account: company.integratedAccountID)
        #expect(invoices.count == company.invoices.count)
        let byUID = Dictionary(uniqueKeysWithValues: company.invoices.map { ($0.uid, $0) })
        for unified in invoices {
            let invoice = try #require(byUID[unified["id"] as? String ?? ""])
            let raw = unified["remote_data"] as? [String: Any]
            #expect(
                raw?["total_amount"] as? String
                    == Money(minorUnits: invoice.total, currency: invoice.currency).decimalString)
            #expect(
                unified["balance"] as? String
                    == Money(minorUnits: invoice.due, currency: invoice.currency).decimalString)
            #expect(unified["number"] as? String == String(invoice.number))
            #expect((unified["customer"] as? [String: Any])?["id"] as? String == String(invoice.customerID))
        }
        let one = try await client.get(
            "/unified/subscription-management/invoices/\(company.invoices[3].uid)?integrated_account_id=\(company.integratedAccountID)"
        )
        #expect(one.object["id"] as? String == company.invoices[3].uid)
    }

    @Test func filtersAndProxy() async throws {
        let (server, _) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let company = await server.world.company
        let client = Self.client(server)
        let account = company.integratedAccountID
        let pivot = company.invoices[company.invoices.count / 3].updatedAt
        let iso = Timestamp(secondsSinceEpoch: pivot).iso8601
        let after = try await Self.all(
            client, "/unified/subscription-management/invoices?limit=100&updated_at[gt]=\(iso)", account: account)
        #expect(after.count == company.invoices.filter { $0.updatedAt > pivot }.count)
        let from = try await Self.all(
            client, "/unified/subscription-management/invoices?limit=100&updated_at[gte]=\(iso)", account: account)
        #expect(from.count == company.invoices.filter { $0.updatedAt >= pivot }.count)
        let subscriptions = try await Self.all(client, "/proxy/subscriptions?limit=13", account: account)
        #expect(
            subscriptions.compactMap { ($0["subscription"] as? [String: Any])?["id"] as? Int }
                == company.subscriptions.map(\.id))
        let events = try await Self.all(client, "/proxy/events?limit=200", account: account)
        #expect(events.count == company.events.count)
        let subscription = company.subscriptions.first { !$0.components.isEmpty }!
        let components = try await Self.all(
            client, "/proxy/subscriptions/\(subscription.id)/components", account: account)
        #expect(components.count == subscription.components.count)
        let single = try await client.get("/proxy/subscriptions/\(subscription.id)?integrated_account_id=\(account)")
        #expect((single.object["subscription"] as? [String: Any])?["id"] as? Int == subscription.id)
        let missing = try await client.get(
            "/unified/subscription-management/customers/1?integrated_account_id=\(account)")
        #expect(missing.status == 404 && missing.object["statusCode"] as? Int == 404)
        let garbage = try await client.get(
            "/unified/subscription-management/customers?integrated_account_id=\(account)&next_cursor=zzz")
        #expect(garbage.status == 400 && garbage.object["message"] as? String != nil)
    }
}
