import BillingCore
import Foundation
import Testing

@testable import Sandbox

@Suite struct ChargifyPagingTests {
    /// Pages until an empty or short page and returns every record's identity in order.
    static func collect(
        _ client: HTTPTestClient, _ path: String, perPage: Int, extract: (HTTPTestClient.Reply) -> [String]
    ) async throws -> [String] {
        var all: [String] = []
        var page = 1
        let separator = path.contains("?") ? "&" : "?"
        while true {
            let reply = try await client.get("\(path)\(separator)page=\(page)&per_page=\(perPage)")
            #expect(reply.status == 200)
            let ids = extract(reply)
            #expect(ids.count <= min(perPage, 200))
            all += ids
            if ids.count < min(perPage, 200) { break }
            page += 1
        }
        return all
    }

    static func customerIDs(_ reply: HTTPTestClient.Reply) -> [String] {
        reply.array.compactMap { ($0["customer"] as? [String: Any])?["id"] as? Int }.map(String.init)
    }

    static func invoiceUIDs(_ reply: HTTPTestClient.Reply) -> [String] {
        ((reply.object["invoices"] as? [[String: Any]]) ?? []).compactMap { $0["uid"] as? String }
    }

    @Test func everyPageSizeReturnsEveryRecordExactlyOnce() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let company = await server.world.company
        for perPage in [1, 7, 200, 250] {
            let customers = try await Self.collect(
                client, "/customers.json", perPage: perPage, extract: Self.customerIDs)
            #expect(customers == company.customers.map { String($0.id) }, "customers per_page=\(perPage)")
        }
        for perPage in [7, 200, 250] {
            let invoices = try await Self.collect(client, "/invoices.json", perPage: perPage, extract: Self.invoiceUIDs)
            #expect(invoices.count == company.invoices.count, "invoices per_page=\(perPage)")
            #expect(Set(invoices) == Set(company.invoices.map(\.uid)))
            #expect(invoices == company.invoices.reversed().map(\.uid), "invoices default to newest number first")
            let subscriptions = try await Self.collect(client, "/subscriptions.json", perPage: perPage) { reply in
                reply.array.compactMap { ($0["subscription"] as? [String: Any])?["id"] as? Int }.map(String.init)
            }
            #expect(subscriptions == company.subscriptions.map { String($0.id) })
            let events = try await Self.collect(client, "/events.json", perPage: perPage) { reply in
                reply.array.compactMap { ($0["event"] as? [String: Any])?["id"] as? Int }.map(String.init)
            }
            #expect(events == company.events.reversed().map { String($0.id) })
        }
        let clamped = try await client.get("/invoices.json?per_page=250")
        #expect(Self.invoiceUIDs(clamped).count == 200)
        let past = try await client.get("/customers.json?page=999")
        #expect(past.status == 200 && past.text == "[]")
    }

    @Test func timeFiltersAreInclusiveAndUnknownDateFieldIsIgnored() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let company = await server.world.company
        let target = company.invoices[company.invoices.count / 2]
        let stamp = Timestamp(secondsSinceEpoch: target.updatedAt).sqlStyle.replacingOccurrences(of: " ", with: "%20")
        let from = try await Self.collect(
            client, "/invoices.json?date_field=updated_at&start_datetime=\(stamp)", perPage: 200,
            extract: Self.invoiceUIDs)
        #expect(from.contains(target.uid))
        #expect(Set(from) == Set(company.invoices.filter { $0.updatedAt >= target.updatedAt }.map(\.uid)))
        let until = try await Self.collect(
            client, "/invoices.json?date_field=updated_at&end_datetime=\(stamp)", perPage: 200,
            extract: Self.invoiceUIDs)
        #expect(until.contains(target.uid))
        #expect(
            from.count + until.count == company.invoices.count
                + company.invoices.filter { $0.updatedAt == target.updatedAt }.count)
        let day = SandboxClock.dateString(target.dueDay)
        let due = try await Self.collect(
            client, "/invoices.json?start_date=\(day)&end_date=\(day)", perPage: 200, extract: Self.invoiceUIDs)
        #expect(Set(due) == Set(company.invoices.filter { $0.dueDay == target.dueDay }.map(\.uid)))
        let typo = try await Self.collect(
            client, "/invoices.json?date_field=updated&start_datetime=\(stamp)", perPage: 200, extract: Self.invoiceUIDs
        )
        #expect(typo.count == company.invoices.count)
        let customer = company.customers[10]
        let customerStamp = Timestamp(secondsSinceEpoch: customer.updatedAt).iso8601
        let customers = try await Self.collect(
            client,
            "/customers.json?date_field=updated_at&start_datetime=\(customerStamp)&end_datetime=\(customerStamp)",
            perPage: 50, extract: Self.customerIDs)
        #expect(customers.contains(String(customer.id)))
        let bad = try await client.get("/invoices.json?date_field=updated_at&start_datetime=yesterday")
        #expect(bad.status == 422)
    }

    @Test func listFiltersAndSearch() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let company = await server.world.company
        let open = try await Self.collect(client, "/invoices.json?status=open", perPage: 200, extract: Self.invoiceUIDs)
        #expect(Set(open) == Set(company.invoices.filter { $0.status == "open" }.map(\.uid)))
        let customer = company.customers[5]
        let mine = try await Self.collect(
            client, "/invoices.json?customer_ids=\(customer.id)", perPage: 200, extract: Self.invoiceUIDs)
        #expect(Set(mine) == Set(company.invoices.filter { $0.customerID == customer.id }.map(\.uid)))
        let found = try await client.get("/customers.json?q=\(customer.email)")
        #expect(Self.customerIDs(found) == [String(customer.id)])
        let pastDue = try await client.get("/subscriptions.json?state=past_due&per_page=200")
        #expect(pastDue.array.count == company.subscriptions.filter { $0.state == "past_due" }.count)
        let since = company.events[company.events.count - 5].id
        let recent = try await client.get("/events.json?since_id=\(since)&direction=asc")
        #expect(
            recent.array.compactMap { ($0["event"] as? [String: Any])?["id"] as? Int }
                == company.events.suffix(5).map(\.id))
    }
}
