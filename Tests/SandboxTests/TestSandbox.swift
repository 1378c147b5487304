import BillingCore

@testable import Sandbox

/// Small, fast sandboxes for the tests (60 customers, port 0).
enum TestSandbox {
    static func configuration(seed: UInt64 = 7, customers: Int = 60, hostile: Bool = false, faults: FaultPlan = .none)
        -> SandboxConfiguration
    {
        SandboxConfiguration(seed: seed, customers: customers, hostileStrings: hostile, faults: faults)
    }

    static func start(seed: UInt64 = 7, customers: Int = 60, hostile: Bool = false, faults: FaultPlan = .none)
        async throws -> (SandboxServer, HTTPTestClient)
    {
        let server = try await SandboxServer.start(
            configuration(seed: seed, customers: customers, hostile: hostile, faults: faults))
        return (server, HTTPTestClient(baseURL: server.baseURL, authorization: HTTPTestClient.basic("sandbox")))
    }
}
