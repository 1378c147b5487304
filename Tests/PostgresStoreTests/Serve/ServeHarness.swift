import BillingServe
import BillingStore
import Foundation
import Logging
import Testing

/// A team store with one source, and serves on it run as tasks of the test, each stopped at the end.
struct ServeHarness {
    let url: PostgresStoreURL
    let source: SourceInfo
    let ledger = FakeLedger()

    static func make(_ label: String, kind: String = "chargify", account: String = "") async throws -> ServeHarness {
        let url = try await PostgresTestCluster.shared().database(label)
        let store = try await PostgresStore.open(url)
        let source = try await store.registerSource(
            name: "acme", kind: kind, baseURL: "https://acme.example", account: account)
        await store.close()
        return ServeHarness(url: url, source: source)
    }

    /// A serve on a fast tick, its loop running in a task; `listen` takes webhooks on a free loopback port.
    func start(
        _ name: String, listen: Bool = false, secrets: ServeSecrets? = nil, interval: Duration = .seconds(3600),
        bodyLimit: Int = WebhookServer.defaultBodyLimit
    ) throws -> RunningServe {
        var settings = ServeSettings(url: url, interval: interval)
        settings.tick = .milliseconds(50)
        settings.bodyLimit = bodyLimit
        if listen { settings.listen = ("127.0.0.1", 0) }
        let loop = ServeLoop(
            settings: settings, work: FakeServeWork(name: name, ledger: ledger),
            secrets: try secrets ?? ServeSecrets(chargifyKeys: [:], ghlPublicKeyPEM: nil),
            logger: Logger(label: "test.serve", factory: { _ in SwiftLogNoOpLogHandler() }))
        return RunningServe(loop: loop, task: Task { try await loop.run() })
    }
}

extension ServeLoop {
    /// A serve of `url` on a fast tick with fake work recording into `ledger`, no webhooks.
    static func fake(_ url: PostgresStoreURL, ledger: FakeLedger, name: String = "serve") throws -> ServeLoop {
        var settings = ServeSettings(url: url, interval: .seconds(3600))
        settings.tick = .milliseconds(50)
        return ServeLoop(
            settings: settings, work: FakeServeWork(name: name, ledger: ledger),
            secrets: try ServeSecrets(chargifyKeys: [:], ghlPublicKeyPEM: nil),
            logger: Logger(label: "test.serve", factory: { _ in SwiftLogNoOpLogHandler() }))
    }
}

struct RunningServe {
    let loop: ServeLoop
    let task: Task<Void, any Error>

    func stop() async throws {
        await loop.stop()
        try await task.value
    }
}

/// Waits until `condition` holds, checking every 20 ms; fails with `what` after `seconds` (a guard against a
/// hang, not a timing assertion: a healthy run gets there in well under a second).
func eventually(
    _ seconds: Int, _ what: String, _ condition: @Sendable () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("\(what): not after \(seconds) s")
    throw DeadlinePassed(description: what)
}
