import BillingCore
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// The sandbox over real HTTP on loopback: Chargify at the root, Truto under `/unified` and `/proxy`,
/// GHL under `/contacts`, with auth, fault injection and per-path request counts.
public final class SandboxServer: Sendable {
    /// The world the server serves (its company and clock).
    public let world: SandboxWorld
    let configuration: SandboxConfiguration
    let state: Mutex<ServerState>
    let cache = ListingCache()
    /// GHL's request limits and the 429s they caused.
    public let ghlLimiter = GHLRateLimiter()
    /// Encoded records, reused while unchanged (see `EncodedRecordCache`); nil when switched off.
    let records: EncodedRecordCache?
    private let task = Mutex<Task<Void, any Error>?>(nil)
    private let group = Mutex<ServiceGroup?>(nil)
    private let ticker = Mutex<Task<Void, Never>?>(nil)
    let started = ContinuousClock.now

    init(world: SandboxWorld, configuration: SandboxConfiguration) {
        self.world = world
        self.configuration = configuration
        self.state = Mutex(ServerState(faults: configuration.faults))
        let budget = configuration.encodedRecordCacheBytes
        self.records = budget > 0 ? EncodedRecordCache(budgetBytes: budget) : nil
    }

    /// Generates the company and starts serving on `host:port` (port 0 picks a free port).
    public static func start(_ config: SandboxConfiguration, host: String = "127.0.0.1", port: Int = 0) async throws
        -> SandboxServer
    {
        try await start(world: SandboxWorld(config), configuration: config, host: host, port: port)
    }

    /// Starts serving an existing world.
    public static func start(
        world: SandboxWorld, configuration: SandboxConfiguration, host: String = "127.0.0.1", port: Int = 0
    ) async throws -> SandboxServer {
        let server = SandboxServer(world: world, configuration: configuration)
        var logger = Logger(label: "billtop.sandbox")
        logger.logLevel = .critical  // cancellation on stop() is logged as an error by the server; it is expected
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            responder: SandboxResponder(server: server),
            server: .http1(configuration: .init(additionalChannelHandlers: [WorldDateHandler()])),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger)
        // A service group we can shut down gracefully: cancelling the server task instead tears down
        // connections mid-write, and NIO traps on a writer that was never finished (seen on demo quit).
        let serviceGroup = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        // Handled off the cooperative pool (see `SandboxExecutor`): every connection's task is a child of this one
        // and inherits where it runs.
        let running = Task(executorPreference: SandboxExecutor.shared) { try await serviceGroup.run() }
        server.task.withLock { $0 = running }
        server.group.withLock { $0 = serviceGroup }
        var bound = 0
        for await value in ports {
            bound = value
            break
        }
        guard bound > 0 else {
            running.cancel()
            throw SandboxError.couldNotBind("\(host):\(port)")
        }
        server.state.withLock { $0.port = bound }
        return server
    }

    /// "http://127.0.0.1:PORT", no trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(state.withLock { $0.port })" }

    /// The port the server listens on.
    public var port: Int { state.withLock { $0.port } }

    /// The Truto integrated account id clients must send.
    public var integratedAccountID: String { configuration.integratedAccountID }

    /// How many listed records were answered from cached JSON, and how many were encoded afresh
    /// (`billtop-bench sandbox`; package access, not public API).
    package var encodedRecordCounts: (hits: Int, misses: Int) { records?.counts ?? (0, 0) }

    /// Replaces the fault plan for the following requests.
    public func setFaults(_ plan: FaultPlan) async {
        state.withLock {
            $0.faults = plan
            $0.planRequests = 0
            $0.planCursorRequests = 0
            $0.planWrites = 0
        }
    }

    /// The requests seen since the last `resetRequestCounts` (the most recent 10,000 at least), oldest first.
    public func requestLog() async -> [SandboxRequestRecord] {
        state.withLock { $0.log }
    }

    /// What writes did that no record shows (deliveries, card-update e-mails, payments, notes), oldest first,
    /// with world times: how a test counts that an action happened exactly once.
    public func sideEffects() async -> [SandboxSideEffect] {
        await world.sideEffects
    }

    /// How many requests have arrived whose path starts with `pathPrefix`.
    public func requestCount(pathPrefix: String) async -> Int {
        state.withLock { state in state.counts.reduce(0) { $0 + ($1.key.hasPrefix(pathPrefix) ? $1.value : 0) } }
    }

    /// The most Chargify requests in flight at once, as the server counts them (from arrival until the
    /// response is made), since the last `resetRequestCounts`.
    public func peakChargifyInFlight() async -> Int {
        state.withLock { $0.chargifyPeakInFlight }
    }

    /// The Chargify requests in flight over the last burst of traffic (the current one while it lasts).
    public func chargifyInFlightBurst() async -> InFlightMeter {
        state.withLock { $0.chargifyMeter }
    }

    /// True when the last burst of Chargify traffic is over (nothing in flight for a second).
    public func chargifyBurstEnded() async -> Bool {
        let now = Self.seconds(started.duration(to: .now))
        return state.withLock { $0.chargifyMeter.ended(at: now) }
    }

    /// Forgets the request counts (and the rate-limit window).
    public func resetRequestCounts() async {
        state.withLock {
            $0.counts = [:]
            $0.chargifyPeakInFlight = $0.chargifyInFlight
            $0.windowCount = 0
            $0.windowStart = nil
            $0.log = []
        }
    }

    /// Advances the world by `seconds` of simulated time every `seconds` of real time (`--tick`).
    public func startTicking(every seconds: Double) {
        guard seconds > 0 else { return }
        let world = self.world
        let step = Int64(max(1, seconds.rounded()))
        let running = Task(executorPreference: SandboxExecutor.shared) {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(Int(seconds * 1_000)))
                if Task.isCancelled { break }
                await world.advance(seconds: step)
            }
        }
        ticker.withLock {
            $0?.cancel(); $0 = running
        }
    }

    /// Stops ticking and serving.
    public func stop() async {
        ticker.withLock {
            $0?.cancel(); $0 = nil
        }
        let running = task.withLock { task -> Task<Void, any Error>? in
            defer { task = nil }
            return task
        }
        let serviceGroup = group.withLock { group -> ServiceGroup? in
            defer { group = nil }
            return group
        }
        if let serviceGroup {
            await serviceGroup.triggerGracefulShutdown()
        } else {
            running?.cancel()
        }
        _ = await running?.result
    }
}
