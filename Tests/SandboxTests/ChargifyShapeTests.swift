import Foundation
import Testing

@testable import Sandbox

@Suite struct ChargifyShapeTests {
    @Test func recordsHaveTheDocumentedEnvelopesAndTypes() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let company = await server.world.company
        let customer = try await client.get("/customers/\(company.customers[0].id).json")
        let c = customer.object["customer"] as? [String: Any]
        #expect(c?["id"] as? Int == company.customers[0].id)
        #expect((c?["created_at"] as? String)?.hasSuffix("Z") == true)
        let subscription = company.subscriptions.first { !$0.components.isEmpty && $0.creditCard != nil }!
        let s = try await client.get("/subscriptions/\(subscription.id).json").object["subscription"] as? [String: Any]
        #expect(s?["product_price_in_cents"] as? Int == Int(subscription.productPriceInCents))
        #expect((s?["product"] as? [String: Any])?["interval_unit"] as? String != nil)
        #expect(
            (s?["credit_card"] as? [String: Any])?["expiration_year"] as? Int == subscription.creditCard?.expirationYear
        )
        #expect((s?["customer"] as? [String: Any])?["id"] as? Int == subscription.customerID)
        let owned = try await client.get("/customers/\(subscription.customerID)/subscriptions.json").array
        #expect(owned.contains { ($0["subscription"] as? [String: Any])?["id"] as? Int == subscription.id })
        let components = try await client.get("/subscriptions/\(subscription.id)/components.json").array
        #expect(components.count == subscription.components.count)
        let first = components.first?["component"] as? [String: Any]
        #expect(first?["component_id"] as? Int == subscription.components[0].componentID)
        #expect(
            first?["kind"] as? String != nil
                && first?["price_point_id"] as? Int == subscription.components[0].pricePointID)
        let points = try await client.get("/components/\(subscription.components[0].componentID)/price_points.json")
            .object
        let prices = (points["price_points"] as? [[String: Any]])?.first?["prices"] as? [[String: Any]]
        #expect(prices?.first?["unit_price"] is String)
        // Coupons come 30 to a page in id order, each wrapped (CataloguePagingTests reads them all).
        let coupons = try await client.get("/coupons.json").array
        #expect(
            coupons.count == 30
                && (coupons[0]["coupon"] as? [String: Any])?["code"] as? String == company.coupons[0].code)
        let invoice = company.invoices.first { $0.status == "paid" && $0.lineItems.count > 1 }!
        let i = try await client.get("/invoices/\(invoice.uid).json").object
        #expect(i["uid"] as? String == invoice.uid)
        #expect(i["total_amount"] is String && i["due_amount"] as? String != nil)
        let lines = i["line_items"] as? [[String: Any]]
        #expect(lines?.count == invoice.lineItems.count)
        #expect(lines?.first?["kind"] as? String == "baseline" && lines?.first?["period_range_start"] is String)
        #expect((i["payments"] as? [[String: Any]])?.isEmpty == false)
        let list = try await client.get("/invoices.json?per_page=3").object["invoices"] as? [[String: Any]]
        #expect(list?.first?["line_items"] == nil, "lines appear only when asked")
        let withLines =
            try await client.get("/invoices.json?per_page=3&line_items=true&payments=true").object["invoices"]
            as? [[String: Any]]
        #expect(withLines?.first?["line_items"] != nil && withLines?.first?["payments"] != nil)
    }

    @Test func hostileStringsTravelAsValidJSON() async throws {
        let (server, client) = try await TestSandbox.start(hostile: true)
        defer { Task { await server.stop() } }
        let reply = try await client.get("/customers.json?per_page=200")
        let names = reply.array.compactMap {
            ($0["customer"] as? [String: Any]).map {
                "\($0["first_name"] ?? "")\($0["last_name"] ?? "")\($0["organization"] ?? "")"
            }
        }
        #expect(names.count == 60)
        #expect(
            names.contains { $0.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0 || $0.value == 0x202E } })
        let invoices = try await client.get("/invoices.json?per_page=200")
        #expect(invoices.json != nil)
    }

    @Test func missingRecordsAre404() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        for path in [
            "/customers/1.json", "/subscriptions/1.json", "/invoices/inv_nope.json", "/nothing.json",
            "/subscriptions/x/components.json",
        ] {
            let reply = try await client.get(path)
            #expect(reply.status == 404, "\(path)")
            #expect((reply.object["errors"] as? [String])?.isEmpty == false)
        }
    }

    @Test func authIsEnforcedOnEveryRoute() async throws {
        let (server, _) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let company = await server.world.company
        let account = company.integratedAccountID
        let chargifyPaths = [
            "/customers.json", "/customers/\(company.customers[0].id).json", "/subscriptions.json",
            "/subscriptions/\(company.subscriptions[0].id).json",
            "/subscriptions/\(company.subscriptions[0].id)/components.json",
            "/invoices.json", "/invoices/\(company.invoices[0].uid).json", "/events.json", "/components.json",
            "/coupons.json", "/products.json", "/product_families.json",
            "/components/\(company.components[0].id)/price_points.json",
        ]
        for auth in [nil, HTTPTestClient.basic("wrong"), "Bearer sandbox"] {
            let client = HTTPTestClient(baseURL: server.baseURL, authorization: auth)
            for path in chargifyPaths {
                #expect(try await client.get(path).status == 401, "\(path) with \(auth ?? "nothing")")
            }
            #expect(
                try await client.send("POST", "/customers.json", body: ["customer": ["first_name": "A"]]).status == 401)
        }
        let trutoPaths = [
            "/unified/subscription-management/customers?integrated_account_id=\(account)",
            "/unified/subscription-management/invoices?integrated_account_id=\(account)",
            "/unified/subscription-management/customers/\(company.customers[0].id)?integrated_account_id=\(account)",
            "/proxy/subscriptions?integrated_account_id=\(account)",
        ]
        for auth in [nil, "Bearer wrong", HTTPTestClient.basic("sandbox")] {
            let client = HTTPTestClient(baseURL: server.baseURL, authorization: auth)
            for path in trutoPaths {
                let reply = try await client.get(path)
                #expect(reply.status == 401 && reply.object["statusCode"] as? Int == 401, "\(path)")
            }
        }
        var ghl = HTTPTestClient(
            baseURL: server.baseURL, authorization: "Bearer wrong", extraHeaders: ["Version": "2021-07-28"])
        #expect(try await ghl.get("/contacts/\(company.ghlContacts[0].id)").status == 401)
        ghl.authorization = "Bearer sandbox"
        ghl.extraHeaders = [:]
        #expect(try await ghl.get("/contacts/\(company.ghlContacts[0].id)").status == 400, "Version header required")
        let good = HTTPTestClient(baseURL: server.baseURL, authorization: "Bearer sandbox")
        #expect(
            try await good.get("/unified/subscription-management/customers").status == 400,
            "integrated_account_id required")
    }

    @Test func sameSeedServesIdenticalBytes() async throws {
        let (a, clientA) = try await TestSandbox.start(seed: 42)
        let (b, clientB) = try await TestSandbox.start(seed: 42)
        defer {
            Task {
                await a.stop(); await b.stop()
            }
        }
        let account = await a.world.company.integratedAccountID
        for path in [
            "/customers.json?per_page=200", "/subscriptions.json?per_page=200",
            "/invoices.json?per_page=200&line_items=true&payments=true",
            "/events.json?per_page=200", "/components.json",
            "/unified/subscription-management/invoices?integrated_account_id=\(account)",
        ] {
            var left = clientA
            var right = clientB
            if path.hasPrefix("/unified") {
                left.authorization = "Bearer sandbox"
                right.authorization = "Bearer sandbox"
            }
            let x = try await left.get(path)
            let y = try await right.get(path)
            #expect(x.status == 200 && x.body == y.body, "\(path)")
        }
    }
}
