import Foundation
import Sandbox
import Testing

/// GHL takes its v2 date version and `v3` (what its official SDKs send since 3.0): the sandbox answers both
/// on contacts, notes, tasks and tags, and refuses another version or none with a line naming both.
struct GHLVersionTests {
    @Test func bothVersionsGHLAcceptsAreAnsweredAndOthersRefused() async throws {
        let (server, _) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let company = await server.world.company
        let contact = try #require(company.ghlContacts.first?.id)
        for version in ["v3", "2021-07-28"] {
            let client = HTTPTestClient(
                baseURL: server.baseURL, authorization: "Bearer sandbox", extraHeaders: ["Version": version])
            let search = try await client.send(
                "POST", "/contacts/search", body: ["locationId": company.ghlLocationID, "pageLimit": 5])
            #expect(search.status == 200, "search with Version \(version)")
            #expect(try await client.send("POST", "/contacts/\(contact)/notes", body: ["body": version]).status == 201)
            let task = try await client.send(
                "POST", "/contacts/\(contact)/tasks",
                body: ["title": "Call \(version)", "dueDate": "2026-07-01T00:00:00Z", "completed": false])
            #expect(task.status == 201, "task with Version \(version)")
            #expect(try await client.send("POST", "/contacts/\(contact)/tags", body: ["tags": [version]]).status == 200)
            #expect(try await client.get("/contacts/\(contact)/tasks").status == 200)
        }
        for version in ["2019-01-01", "v2", ""] {
            let client = HTTPTestClient(
                baseURL: server.baseURL, authorization: "Bearer sandbox",
                extraHeaders: version.isEmpty ? [:] : ["Version": version])
            let refused = try await client.get("/contacts/\(contact)")
            #expect(refused.status == 400, "Version '\(version)' is refused")
            #expect(String(decoding: refused.body, as: UTF8.self).contains("2021-07-28 or v3"))
        }
    }
}
