import BillingStore
import BillingSync
import Foundation
import TestSupport
import Testing

/// A redirect whose body never ends. corelibs reads a 3xx body whole before it asks where to go (holding
/// it in memory, on the one work queue every URLSession shares), so only the request's timeout ends it:
/// the other origin sees nothing, and the transfer is cut, so that later requests through the same
/// transport still get through instead of waiting behind it.
@Suite(.serialized) struct ReliabilityRedirectBodyTests {
    @Test func aRedirectWithAnEndlessBodyEndsAtTheTimeoutAndLeavesTheTransportUsable() async throws {
        let decoy = try HostileHTTPServer(host: "127.0.0.2", handler: HostileSite.emptyChargify)
        defer { decoy.stop() }
        let decoyBase = decoy.baseURL
        let server = try HostileHTTPServer { request in
            .stream(
                headers: ["Location": decoyBase + request.target], prefix: Data(),
                piece: Data(repeating: 120, count: 65_536),
                count: nil, suffix: Data(), status: 302)
        }
        defer { server.stop() }
        let transport = URLSessionTransport(idleTimeout: 5, requestTimeout: 2)
        let policy = RetryPolicy(maxAttempts: 1, baseDelay: 0.01, maxBackoff: 0.1)
        var hostile = HostileSite.chargify(server.baseURL)
        hostile.maxInFlight = 4
        let first = try await SyncRunner(
            store: try HostileSite.store("redirect-body"), sources: [hostile], transport: transport, policy: policy
        )
        .runOnce(within: 60)
        #expect(decoy.requests().isEmpty)
        #expect(!first.ok && first.failures.allSatisfy { "\($0.error)".contains("timed out") }, "\(first.failures)")

        // The same transport, a well-behaved server: every stream finishes (the server keeps flooding the
        // old connections until the test ends, so nothing else would free the work queue). A few attempts: on
        // a loaded machine the work queue may still be draining what was read before the cut when the first
        // one starts (seen in a CI run beside a build); a transport left blocked fails every one.
        let good = try HostileHTTPServer(handler: HostileSite.emptyChargify)
        defer { good.stop() }
        let second = try await SyncRunner(
            store: try HostileSite.store("redirect-body-after"), sources: [HostileSite.chargify(good.baseURL)],
            transport: transport, policy: RetryPolicy(maxAttempts: 4, baseDelay: 0.5, maxBackoff: 1)
        ).runOnce(within: 60)
        #expect(second.ok, "\(second.failures)")
    }
}
