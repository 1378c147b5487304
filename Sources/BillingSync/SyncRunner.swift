import BillingCore
import BillingStore
import Foundation
import Logging
import Synchronization

/// The in-process entry point of the fetcher: `billtop sync` and the dashboard's `--demo` call it.
///
///     let runner = try SyncRunner(store: store, sources: [config])
///     Task { for await event in runner.progress { ... } }
///     let result = await runner.runOnce()
public final class SyncRunner: Sendable {
    /// Progress events of every run, in order (one consumer; older events are dropped if it falls far behind).
    public let progress: AsyncStream<SyncProgress>
    private let continuation: AsyncStream<SyncProgress>.Continuation
    /// Where the syncers' time went (waiting for pages versus writing them), summed over all runs
    /// (read by `billtop-bench sync` only).
    package let timings = SyncTimings()
    let store: any RecordStore
    let clock: any SyncClock
    let logger: Logger
    let sources: [(config: SourceConfig, info: SourceInfo, executor: RequestExecutor, client: any SourceClient)]
    let storesRecords: Bool
    /// Each source's first-sync tracker for the current run, by source name (`firstSyncEstimates`).
    let trackers = Mutex<[String: FirstSyncTracker]>([:])

    /// Registers the sources in the store and prepares one throttled client per source.
    public convenience init(
        store: BillingStore, sources: [SourceConfig], transport: any Transport = URLSessionTransport(),
        clock: any SyncClock = SystemClock(), policy: RetryPolicy = RetryPolicy(),
        logger: Logger = Logger(label: "billtop.sync")
    ) throws {
        try self.init(
            store: store, sources: sources, transport: transport, clock: clock, policy: policy, logger: logger,
            storesRecords: true)
    }

    /// The same, with a benchmark hook (package access: no public API). `storesRecords: false` is for
    /// `billtop-bench sync --discard-records` only: pages are fetched and decoded and their checkpoints
    /// committed, but their records are dropped, which measures what any store design could reach.
    package convenience init(
        store: BillingStore, sources: [SourceConfig], transport: any Transport = URLSessionTransport(),
        clock: any SyncClock = SystemClock(), policy: RetryPolicy = RetryPolicy(),
        logger: Logger = Logger(label: "billtop.sync"), storesRecords: Bool
    ) throws {
        // A URL stored with credentials in it (before billtop refused them) is stored again without them.
        for stored in (try? store.sources()) ?? [] where SourceURL.withoutCredentials(stored.baseURL) != stored.baseURL
        {
            try store.registerSource(
                name: stored.name, kind: stored.kind, baseURL: SourceURL.withoutCredentials(stored.baseURL),
                account: stored.account)
        }
        // Credentials in a URL are refused before any request (RequestExecutor); they are never stored.
        let registered = try sources.map { config in
            try store.registerSource(
                name: config.name, kind: config.kind.rawValue, baseURL: SourceURL.withoutCredentials(config.baseURL),
                account: config.account)
        }
        self.init(
            store: store, registered: Array(zip(sources, registered)), transport: transport, clock: clock,
            policy: policy, logger: logger, storesRecords: storesRecords)
    }

    /// A runner writing to either engine (`RecordStore`: SQLite or PostgreSQL); registering the sources may
    /// need the network, hence async. The SQLite initialisers above do the same synchronously.
    public convenience init(
        records store: any RecordStore, sources: [SourceConfig], transport: any Transport = URLSessionTransport(),
        clock: any SyncClock = SystemClock(), policy: RetryPolicy = RetryPolicy(),
        logger: Logger = Logger(label: "billtop.sync")
    ) async throws {
        for stored in (try? await store.sources()) ?? []
        where SourceURL.withoutCredentials(stored.baseURL) != stored.baseURL {
            _ = try await store.registerSource(
                name: stored.name, kind: stored.kind, baseURL: SourceURL.withoutCredentials(stored.baseURL),
                account: stored.account)
        }
        var registered: [(SourceConfig, SourceInfo)] = []
        for config in sources {
            let info = try await store.registerSource(
                name: config.name, kind: config.kind.rawValue, baseURL: SourceURL.withoutCredentials(config.baseURL),
                account: config.account)
            registered.append((config, info))
        }
        self.init(
            store: store, registered: registered, transport: transport, clock: clock, policy: policy, logger: logger,
            storesRecords: true)
    }

    /// Prepares one throttled client per registered source.
    private init(
        store: any RecordStore, registered: [(SourceConfig, SourceInfo)], transport: any Transport,
        clock: any SyncClock, policy: RetryPolicy, logger: Logger, storesRecords: Bool
    ) {
        self.storesRecords = storesRecords
        (progress, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        self.store = store
        self.clock = clock
        self.logger = logger
        let continuation = self.continuation
        var prepared: [(SourceConfig, SourceInfo, RequestExecutor, any SourceClient)] = []
        for (index, (config, info)) in registered.enumerated() {
            let headers: [String: String]
            switch config.kind {
            case .chargify:
                headers = ["Authorization": "Basic " + Data("\(config.secret):x".utf8).base64EncodedString()]
            case .truto:
                headers = ["Authorization": "Bearer \(config.secret)"]
            }
            let executor = RequestExecutor(
                source: info, transport: transport, maxInFlight: config.maxInFlight, policy: policy, clock: clock,
                headers: headers, redactor: SecretRedactor(secrets: [config.secret]), logger: logger,
                seed: UInt64(index + 1) &* 0x9E37_79B9, requestsPerHour: config.requestsPerHour,
                maxResponseBytes: config.maxResponseBytes, urlRefusal: Self.urlRefusal(config),
                report: { continuation.yield($0) })
            let client: any SourceClient =
                switch config.kind {
                case .chargify:
                    ChargifyClient(
                        executor: executor, pageSize: config.pageSize, onBudget: config.requestsPerHour != nil)
                case .truto:
                    TrutoClient(
                        executor: executor, account: config.account, pageSize: config.pageSize,
                        onBudget: config.requestsPerHour != nil)
                }
            prepared.append((config, info, executor, client))
        }
        self.sources = prepared.map { (config: $0.0, info: $0.1, executor: $0.2, client: $0.3) }
    }

    deinit { continuation.finish() }

    /// Why no request may go to `config`'s URL, checked here as well as in config.toml and the sync flags
    /// so that no caller sends a key in the clear or one written into the URL; nil when requests may go.
    static func urlRefusal(_ config: SourceConfig) -> String? {
        SourceURL.problem(config.baseURL, allowInsecureHTTP: config.allowInsecureHTTP).map {
            "source \(config.name): url \(SourceURL.shown(config.baseURL)) \(SourceURL.configMessage($0))"
        }
    }

    /// Runs every stream of every source (or only `sourceName`) once; streams of a source run
    /// concurrently under the source's in-flight cap.
    public func runOnce(full: Bool = false, sourceName: String? = nil) async -> SyncRunResult {
        var failures: [SyncRunResult.Failure] = []
        store.beginSyncWrites()
        defer { store.endSyncWrites() }
        let before = sources.reduce(0) { $0 + $1.executor.counter.count }
        await withTaskGroup(of: [SyncRunResult.Failure].self) { group in
            for source in sources where sourceName == nil || source.config.name == sourceName {
                group.addTask { [self] in await self.run(source, full: full) }
            }
            for await result in group { failures += result }
        }
        let requests = sources.reduce(0) { $0 + $1.executor.counter.count } - before
        for source in sources { await (source.client as? ChargifyClient)?.catalogue.reset() }
        for source in sources { await (source.client as? TrutoClient)?.catalogue.reset() }
        let result = SyncRunResult(
            failures: failures.sorted { ($0.source, $0.stream) < ($1.source, $1.stream) }, requests: requests)
        continuation.yield(.runFinished(ok: result.ok))
        return result
    }

    /// Runs, waits each source's interval (the smallest), runs again, until the task is cancelled.
    public func watch(interval: Double? = nil, full: Bool = false, sourceName: String? = nil) async {
        let pause = interval ?? Double(sources.map(\.config.intervalSeconds).min() ?? 60)
        var first = true
        while !Task.isCancelled {
            _ = await runOnce(full: full && first, sourceName: sourceName)
            first = false
            do { try await clock.sleep(seconds: pause) } catch { return }
        }
    }

    /// Requests sent so far by every source.
    public var requestCount: Int { sources.reduce(0) { $0 + $1.executor.counter.count } }

    /// The highest number of requests one source had in flight at once.
    public func peakInFlight() async -> Int {
        var peak = 0
        for source in sources { peak = max(peak, await source.executor.throttle.peakInFlight) }
        return peak
    }

    /// How far each source's first sync has come, for `billtop sync`'s progress line; empty when no
    /// first listing is running.
    public func firstSyncEstimates() -> [(source: String, estimate: SyncEstimate)] {
        let current = trackers.withLock { $0 }
        return sources.compactMap { source in
            current[source.config.name]?.estimate.map { (source.config.name, $0) }
        }
    }

    private func run(
        _ source: (config: SourceConfig, info: SourceInfo, executor: RequestExecutor, client: any SourceClient),
        full: Bool
    ) async -> [SyncRunResult.Failure] {
        let tracker = FirstSyncTracker(
            streams: source.config.streams, pageSize: source.config.pageSize,
            requestsPerHour: source.config.requestsPerHour,
            clock: clock, requests: source.executor.counter)
        trackers.withLock { $0[source.config.name] = tracker }
        let syncer = StreamSyncer(
            store: store, source: source.info, config: source.config, client: source.client, clock: clock,
            redactor: source.executor.redactor, logger: logger, report: { [continuation] in continuation.yield($0) },
            timings: timings, storesRecords: storesRecords, tracker: tracker)
        return await withTaskGroup(of: SyncRunResult.Failure?.self) { group in
            for stream in source.config.streams {
                group.addTask {
                    guard let error = await syncer.run(stream, full: full) else { return nil }
                    return SyncRunResult.Failure(source: source.config.name, stream: stream.rawValue, error: error)
                }
            }
            var failures: [SyncRunResult.Failure] = []
            for await failure in group { if let failure { failures.append(failure) } }
            return failures
        }
    }
}

/// The outcome of one run over every source.
public struct SyncRunResult: Sendable {
    public struct Failure: Sendable, Equatable {
        public var source: String
        public var stream: String
        public var error: SyncError

        public init(source: String, stream: String, error: SyncError) {
            self.source = source
            self.stream = stream
            self.error = error
        }
    }

    /// Streams that did not finish.
    public var failures: [Failure]
    /// Requests sent during the run (retries included).
    public var requests: Int

    public init(failures: [Failure], requests: Int) {
        self.failures = failures
        self.requests = requests
    }

    /// True when every stream finished.
    public var ok: Bool { failures.isEmpty }
}
