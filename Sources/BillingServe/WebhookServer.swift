import BillingStore
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// The webhook endpoint: Hummingbird on the address serve was given (port 0 picks one; `port` says which),
/// stopped gracefully so no connection is torn down mid-answer.
public final class WebhookServer: Sendable {
    /// The port it listens on.
    public let port: Int
    private let group: ServiceGroup
    private let running: Task<Void, any Error>

    private init(port: Int, group: ServiceGroup, running: Task<Void, any Error>) {
        self.port = port
        self.group = group
        self.running = running
    }

    /// The largest body read (Chargify's are a few kB); longer is refused with 413 before it is read.
    public static let defaultBodyLimit = 256 * 1024

    static func start(
        host: String, port: Int, store: PostgresStore, secrets: ServeSecrets, counters: ServeCounters,
        bodyLimit: Int, logger: Logger
    ) async throws -> WebhookServer {
        var quiet = Logger(label: "billtop.serve.http")
        quiet.logLevel = .critical  // a graceful stop cancels handlers, which Hummingbird logs as errors
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let responder = WebhookResponder(
            store: store, secrets: secrets, bodyLimit: bodyLimit, counters: counters, logger: logger)
        let app = Application(
            responder: responder, configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            }, logger: quiet)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: quiet))
        // A server that cannot bind never calls onServerRunning: ending the stream when the group ends lets the
        // wait below see that instead of waiting forever.
        let running = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var bound = 0
        for await value in ports {
            bound = value
            break
        }
        guard bound > 0 else {
            running.cancel()
            _ = await running.result
            throw ServeSetupError("cannot listen on \(host):\(port); choose another --listen address")
        }
        return WebhookServer(port: bound, group: group, running: running)
    }

    /// Stops taking connections, lets the answers in flight finish, and returns when the server has stopped.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = await running.result
    }
}
