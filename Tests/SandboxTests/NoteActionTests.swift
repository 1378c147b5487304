import Foundation
import Testing

@testable import Sandbox

/// `POST` and `GET /subscriptions/{id}/notes.json`.
@Suite struct NoteActionTests {
    @Test func notesAreValidatedKeptAndPaged() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let s = try await ActionFixtures.subscription(server, state: "active")
        let path = "/subscriptions/\(s.id)/notes.json"
        let blank = try await client.send("POST", path, body: ["note": ["body": "   "]])
        #expect(blank.status == 422 && ActionFixtures.errors(blank) == ["Body: cannot be blank."])
        let long = String(repeating: "x", count: SandboxNote.maximumBodyLength + 1)
        let tooLong = try await client.send("POST", path, body: ["note": ["body": long]])
        #expect(tooLong.status == 422 && ActionFixtures.errors(tooLong).first?.contains("too long") == true)
        #expect(try await client.send("POST", path, body: ["body": "no wrapper"]).status == 422)
        #expect(
            try await client.send("POST", "/subscriptions/1/notes.json", body: ["note": ["body": "x"]]).status == 404)
        for index in 1...3 {
            let body: [String: Any] = [
                "note": ["body": "Call \(index)", "sticky": index == 2], "uniqueness_token": "note-\(index)",
            ]
            let reply = try await client.send("POST", path, body: body)
            #expect(reply.status == 200)
            let note = try #require(reply.object["note"] as? [String: Any])
            #expect(note["body"] as? String == "Call \(index)" && note["subscription_id"] as? Int == s.id)
            #expect(note["sticky"] as? Bool == (index == 2))
        }
        #expect(
            try await client.send("POST", path, body: ["note": ["body": "Call 3"], "uniqueness_token": "note-3"]).status
                == 409)
        let page2 = try await client.get(path + "?per_page=2&page=2")
        #expect(page2.array.compactMap { ($0["note"] as? [String: Any])?["body"] as? String } == ["Call 3"])
        #expect(try await client.get(path).array.count == 3)
        #expect(try await client.get("/subscriptions/1/notes.json").status == 404)
        #expect(await server.sideEffects().filter { $0.kind == .note }.map(\.text) == ["Call 1", "Call 2", "Call 3"])
    }
}
