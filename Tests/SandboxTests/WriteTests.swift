import Foundation
import Testing

@testable import Sandbox

@Suite struct WriteTests {
    @Test func createCustomerValidatesAndAppears() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let bad = try await client.send("POST", "/customers.json", body: ["customer": ["first_name": "Ada"]])
        #expect(bad.status == 422)
        #expect((bad.object["errors"] as? [String])?.contains("Email address: cannot be blank.") == true)
        let body: [String: Any] = [
            "customer": [
                "first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com",
                "organization": "Engines", "reference": "ghl_123",
            ]
        ]
        let created = try await client.send("POST", "/customers.json", body: body)
        #expect(created.status == 201)
        let id = try #require((created.object["customer"] as? [String: Any])?["id"] as? Int)
        let fetched = try await client.get("/customers/\(id).json")
        #expect((fetched.object["customer"] as? [String: Any])?["reference"] as? String == "ghl_123")
        let lookup = try await client.get("/customers/lookup.json?reference=ghl_123")
        #expect((lookup.object["customer"] as? [String: Any])?["id"] as? Int == id)
        #expect(try await client.get("/customers/lookup.json?reference=nobody").status == 404)
        let duplicate = try await client.send("POST", "/customers.json", body: body)
        #expect(duplicate.status == 422, "references are unique")
        let events = try await client.get("/events.json?per_page=1")
        #expect((events.array.first?["event"] as? [String: Any])?["key"] as? String == "customer_create")
    }

    @Test func uniquenessTokenIsAnswered409TheSecondTime() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let body: [String: Any] = [
            "uniqueness_token": "tok-1", "customer": ["first_name": "B", "last_name": "C", "email": "b@example.com"],
        ]
        #expect(try await client.send("POST", "/customers.json", body: body).status == 201)
        #expect(try await client.send("POST", "/customers.json", body: body).status == 409)
    }

    @Test func deliveriesAccept204AndRejectBadAddresses() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let uid = await server.world.company.invoices[0].uid
        let ok = try await client.send(
            "POST", "/invoices/\(uid)/deliveries.json", body: ["recipient_emails": ["a@example.com"]])
        #expect(ok.status == 204)
        let bad = try await client.send(
            "POST", "/invoices/\(uid)/deliveries.json", body: ["recipient_emails": ["a@example.com", "not-an-address"]])
        #expect(bad.status == 422)
        let many = try await client.send(
            "POST", "/invoices/\(uid)/deliveries.json",
            body: ["cc_recipient_emails": (0..<6).map { "p\($0)@example.com" }])
        #expect(many.status == 422)
        let missing = try await client.send("POST", "/invoices/inv_missing/deliveries.json", body: [:] as [String: Any])
        #expect(missing.status == 404)
    }

    @Test func ghlContactsLifecycle() async throws {
        let (server, _) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let company = await server.world.company
        let client = HTTPTestClient(
            baseURL: server.baseURL, authorization: "Bearer sandbox", extraHeaders: ["Version": "2021-07-28"])
        let shared = company.ghlContacts.filter { contact in company.customers.contains { $0.email == contact.email } }
        #expect(!shared.isEmpty && shared.count < company.ghlContacts.count)
        let search = try await client.send(
            "POST", "/contacts/search", body: ["locationId": company.ghlLocationID, "pageLimit": 500])
        #expect((search.object["contacts"] as? [[String: Any]])?.count == company.ghlContacts.count)
        let created = try await client.send(
            "POST", "/contacts/",
            body: ["locationId": company.ghlLocationID, "firstName": "Neu", "email": "neu@example.com"])
        #expect(created.status == 201)
        let id = try #require((created.object["contact"] as? [String: Any])?["id"] as? String)
        let dup = try await client.send(
            "POST", "/contacts/", body: ["locationId": company.ghlLocationID, "email": "neu@example.com"])
        #expect(dup.status == 400)
        let upsert = try await client.send(
            "POST", "/contacts/upsert",
            body: ["locationId": company.ghlLocationID, "email": "neu@example.com", "lastName": "Kontakt"])
        #expect(upsert.object["new"] as? Bool == false)
        let updated = try await client.send("PUT", "/contacts/\(id)", body: ["companyName": "Neu GmbH"])
        #expect(updated.object["succeded"] as? Bool == true)
        #expect(try await client.send("POST", "/contacts/\(id)/notes", body: ["body": "Called"]).status == 201)
        let notes = try await client.get("/contacts/\(id)/notes")
        #expect((notes.object["notes"] as? [[String: Any]])?.first?["body"] as? String == "Called")
        #expect(try await client.send("DELETE", "/contacts/\(id)", body: nil).object["succeded"] as? Bool == true)
        #expect(try await client.get("/contacts/\(id)").status == 400)
    }
}
