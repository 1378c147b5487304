import Foundation
import Testing

@testable import Sandbox

/// The fault that holds a write's response after the write is done: what a client sees if it dies there.
@Suite struct HeldWriteResponseTests {
    /// Waits (in short sleeps, at most ~30 s) until `condition` holds; a wait, not a timed assertion.
    static func waitFor(_ condition: () async -> Bool) async -> Bool {
        for _ in 0..<3_000 {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    @Test func theWriteIsDoneAndLoggedBeforeTheResponseLeaves() async throws {
        let (server, client) = try await TestSandbox.start(faults: FaultPlan(holdWriteResponseMilliseconds: 600_000))
        defer { Task { await server.stop() } }
        let s = try await ActionFixtures.subscription(server, state: "active")
        let answered = Answered()
        let sending = Task {
            let reply = try await client.send(
                "POST", "/subscriptions/\(s.id)/notes.json", body: ["note": ["body": "held"]])
            await answered.set()
            return reply
        }
        #expect(await Self.waitFor { server.heldResponses() == 1 })
        #expect(await server.sideEffects().map(\.text) == ["held"], "the note is made")
        #expect(await server.requestLog().map(\.method) == ["POST"], "and logged")
        #expect(await answered.value == false, "while the answer is held")
        #expect(try await client.get("/subscriptions/\(s.id)/notes.json").array.count == 1, "reads are not held")
        server.releaseHeldResponses()
        #expect(try await sending.value.status == 200)
        #expect(server.heldResponses() == 0)
    }

    @Test func onlyTheNamedWritesAreHeld() async throws {
        let plan = FaultPlan(holdWriteResponseMilliseconds: 600_000, holdWriteRequests: 2...2)
        let (server, client) = try await TestSandbox.start(faults: plan)
        defer { Task { await server.stop() } }
        let s = try await ActionFixtures.subscription(server, state: "active")
        let path = "/subscriptions/\(s.id)/notes.json"
        #expect(
            try await client.send("POST", path, body: ["note": ["body": "one"]]).status == 200, "write 1 is not held")
        let second = Task { try await client.send("POST", path, body: ["note": ["body": "two"]]) }
        #expect(await Self.waitFor { server.heldResponses() == 1 })
        #expect(await server.sideEffects().map(\.text) == ["one", "two"])
        server.releaseHeldResponses()
        #expect(try await second.value.status == 200)
        #expect(
            try await client.send("POST", path, body: ["note": ["body": "three"]]).status == 200, "write 3 is not held")
        #expect(server.heldResponses() == 0)
    }
}

/// Whether a reply has come back, shared between the sending task and the test.
actor Answered {
    private(set) var value = false
    func set() { value = true }
}
