import Dispatch
import Foundation
import Synchronization
import Testing

@testable import Sandbox

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The in-process sandbox answers while every thread of Swift's cooperative pool is blocked.
///
/// A CI run failed five tests at once: synchronous tests (a company generated per test, a `waitUntilExit`) held
/// both pool threads of a 2-core machine for tens of seconds, the sandboxes' handlers ran on that pool, and their
/// clients timed out. The handlers now run on threads of their own (`SandboxExecutor`).
@Suite struct PoolIndependenceTests {
    @Test func theSandboxAnswersWhileThePoolIsBlocked() async throws {
        let (server, _) = try await TestSandbox.start(customers: 5)
        defer { Task { await server.stop() } }
        let url = try #require(URL(string: server.baseURL + "/customers.json?per_page=5"))
        var request = URLRequest(url: url)
        request.setValue(HTTPTestClient.basic("sandbox"), forHTTPHeaderField: "Authorization")
        request.timeoutInterval = 20
        // Every pool thread: this task's and one blocker for each of the others. A wider pool makes this test
        // weaker, never wrong.
        let width = ProcessInfo.processInfo.activeProcessorCount
        let status = try #require(
            Self.blockingThePool(width: width) { Self.statusOf(request) },
            "the test could not hold every pool thread within 60 s; nothing was asked")
        #expect(status == 200, "the sandbox did not answer while the pool was blocked (\(status))")
    }

    /// Runs `body` on this (pool) thread while `width - 1` other pool threads are held, then lets them go; nil when
    /// they could not all be held.
    static func blockingThePool(width: Int, _ body: () -> Int) -> Int? {
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let others = max(0, width - 1)
        for _ in 0..<others {
            Task.detached {
                entered.signal()
                release.wait()
            }
        }
        // Bounded: on a busy pool the blockers start as other tests' jobs end.
        var held = 0
        for _ in 0..<others where entered.wait(timeout: .now() + .seconds(60)) == .success { held += 1 }
        defer { for _ in 0..<others { release.signal() } }
        return held == others ? body() : nil
    }

    /// The status of `request`, waited for on this thread; URLSession calls back on a queue of its own. -1 when
    /// the request failed (timed out).
    static func statusOf(_ request: URLRequest) -> Int {
        let done = DispatchSemaphore(value: 0)
        let status = Status()
        HTTPTestClient.session.dataTask(with: request) { _, response, _ in
            status.value.withLock { $0 = (response as? HTTPURLResponse)?.statusCode ?? -1 }
            done.signal()
        }.resume()
        done.wait()
        return status.value.withLock { $0 }
    }

    final class Status: Sendable {
        let value = Mutex(-1)
    }
}
