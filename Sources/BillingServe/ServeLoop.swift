import BillingCore
import BillingStore
import Logging

/// `billtop serve`'s loop. Every tick (and at every NOTIFY of a request or webhook) it confirms its lock
/// connection, tries to lead each source it does not lead, and for each source it leads: resumes what a dead
/// leader left running (on taking the lead), performs the requested actions, re-reads what webhooks named, and
/// starts a sync round when one is due. A lock connection that fails loses every lead at once: the sync rounds
/// are cancelled and nothing more is done for those sources until the lead is taken again.
public actor ServeLoop {
    let settings: ServeSettings
    let work: any ServeWork
    let secrets: ServeSecrets
    let logger: Logger
    public nonisolated let counters = ServeCounters()

    private let doorbell = Doorbell()
    private var store: PostgresStore?
    private var leadership: PostgresLeadership?
    private var led: [Int64: LedSource] = [:]
    private var stopping = false
    private var server: WebhookServer?
    private var feed: Task<Void, Never>?
    private var lastStatus = ""
    /// When the work last tidied the store (`ServeWork.tidy`); nil before the first time.
    private var tidied: ContinuousClock.Instant?
    /// Numbers the rounds this process starts, across leads.
    private var roundsStarted = 0
    /// The port webhooks are taken on, once listening.
    public private(set) var webhookPort: Int?

    struct LedSource {
        let source: SourceInfo
        var nextRound: ContinuousClock.Instant
        var round: Task<Void, Never>?
        /// Which round is running: a round cancelled with a lost lead may end after the lead was taken again,
        /// and must not be taken for the new lead's round.
        var roundNumber = 0
    }

    public init(settings: ServeSettings, work: any ServeWork, secrets: ServeSecrets, logger: Logger) {
        self.settings = settings
        self.work = work
        self.secrets = secrets
        self.logger = logger
    }

    /// The names of the sources this serve leads now.
    public var leading: [String] { led.values.map(\.source.name).sorted() }

    /// Opens the store (migrating it: serve is the writer), listens, and loops until `stop`.
    public func run() async throws {
        let store = try await PostgresStore.open(settings.url)
        self.store = store
        do {
            if let listen = settings.listen {
                let webhooks = try await PostgresStore.open(settings.url)
                do {
                    server = try await WebhookServer.start(
                        host: listen.host, port: listen.port, store: webhooks, secrets: secrets, counters: counters,
                        bodyLimit: settings.bodyLimit, logger: logger)
                } catch {
                    await webhooks.close()
                    throw error
                }
                webhookPort = server?.port
                logger.info("taking webhooks on \(listen.host):\(server?.port ?? 0)")
            }
            feed = Task { [settings, doorbell, logger] in
                await Self.follow(settings, doorbell: doorbell, logger: logger)
            }
            while !stopping {
                await tick(store)
                counters.ticked()
                report()
                await doorbell.wait(upTo: settings.tick)
            }
        } catch {
            await shutDown(store)
            throw error
        }
        await shutDown(store)
    }

    /// Asks the loop to finish: rounds are cancelled, leads released, the webhook server stopped.
    public func stop() async {
        stopping = true
        await doorbell.ring()
    }

    /// Wakes the loop on every change the store announces (requests and webhooks among them); reconnects after a
    /// tick when the feed's connection fails, from the last number seen.
    static func follow(_ settings: ServeSettings, doorbell: Doorbell, logger: Logger) async {
        var seen: Int64 = 0
        while !Task.isCancelled {
            do {
                seen = try await PostgresChangeFeed.follow(settings.url, after: seen) { changes in
                    if changes.contains(where: { $0.what == "action_request" || $0.what == "webhook" }) {
                        await doorbell.ring()
                    }
                    return !Task.isCancelled
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("the change feed failed (\(String(describing: error))); polling until it is back")
            }
            try? await Task.sleep(for: settings.tick)
        }
    }

    // MARK: - One tick

    private func tick(_ store: PostgresStore) async {
        guard let leadership = await confirmedLeadership() else { return }
        do {
            for source in try await store.sources(includingCRM: true)
            where led[source.id] == nil && (settings.sourceNames?.contains(source.name) ?? true) {
                guard try await leadership.tryLead(sourceID: source.id) else { continue }
                led[source.id] = LedSource(source: source, nextRound: .now, round: nil)
                logger.notice("leading source \(source.name): fetching, acting and taking its webhooks")
                for request in try await store.abandonedActionRequests(sourceID: source.id) {
                    logger.notice("resuming action request \(request.id) left running by a serve that stopped")
                    await perform(request, source: source, store: store)
                }
            }
            for id in led.keys.sorted() {
                guard !stopping, let entry = led[id] else { continue }
                try await serveQueue(entry.source, store: store, leadership: leadership)
                try await serveWebhooks(entry.source, store: store)
                startRoundIfDue(id)
            }
            if !led.isEmpty, tidied.map({ ContinuousClock.now - $0 >= .seconds(60) }) ?? true {
                tidied = .now
                await work.tidy()
            }
        } catch {
            logger.error("serve's store work failed: \(TextSanitizer.clean(String(describing: error)))")
        }
    }

    /// The lock connection, confirmed alive (reopened when gone); nil when it cannot be had, after every
    /// lead was dropped: without the connection, the locks are gone too.
    private func confirmedLeadership() async -> PostgresLeadership? {
        if let leadership {
            if await confirm(leadership) { return leadership }
            logger.error("the lock connection failed or stopped answering; every lead is lost")
            loseEveryLead()
            self.leadership = nil
            // Closed without waiting: closing a connection the server dropped can wait as long as using it.
            Task.detached { await leadership.close() }
            // Not again in this pass: a standby that saw the leader go has its chance at the next tick.
            return nil
        }
        do {
            let fresh = try await PostgresLeadership.connect(settings.url, epochs: settings.leads)
            leadership = fresh
            return fresh
        } catch {
            logger.error("cannot open the lock connection: \(String(describing: error))")
            return nil
        }
    }

    /// True when the lock connection answers within the limit: a dropped connection may fail, or may never
    /// answer at all (seen: a terminated backend's connection left `SELECT 1` waiting).
    private func confirm(_ leadership: PostgresLeadership) async -> Bool {
        await Deadline.run(confirmLimit) { try await leadership.check() } == .finished
    }

    /// How long the lock connection may take to answer: a few ticks, at least 2 s.
    private var confirmLimit: Duration { max(settings.tick * 3, .seconds(2)) }

    private func loseEveryLead() {
        for entry in led.values {
            entry.round?.cancel()
            logger.notice("no longer leading source \(entry.source.name)")
        }
        led.removeAll()
    }

    /// Performs the source's requests one claim at a time, confirming the lead before each claim.
    private func serveQueue(_ source: SourceInfo, store: PostgresStore, leadership: PostgresLeadership) async throws {
        while !stopping {
            guard await confirm(leadership) else { return }
            guard let request = try await store.claimActionRequest(sourceID: source.id) else { return }
            await perform(request, source: source, store: store)
        }
    }

    private func perform(_ request: QueuedActionRequest, source: SourceInfo, store: PostgresStore) async {
        let outcome = await work.perform(request, source: source)
        counters.performed()
        do {
            try await store.finishActionRequest(id: request.id, outcome: outcome)
            logger.notice(
                "action request \(request.id) by \(TextSanitizer.clean(request.requestedBy)): \(outcome.state.rawValue): \(TextSanitizer.clean(outcome.logMessage))"
            )
        } catch {
            // The row stays running; the next leader resumes it with the same token, and the journal
            // answers "already done" if this attempt acted.
            logger.error("could not write request \(request.id)'s outcome: \(String(describing: error))")
        }
    }

    /// Re-reads what each pending webhook of the source named, then stamps it (a failed re-read is logged and
    /// left to the next sync round, the polling fallback).
    private func serveWebhooks(_ source: SourceInfo, store: PostgresStore) async throws {
        for receipt in try await store.pendingWebhooks(sourceID: source.id) where !stopping {
            do {
                if !receipt.targets.isEmpty { try await work.reread(source: source, targets: receipt.targets) }
            } catch {
                logger.warning(
                    "re-reading webhook \(receipt.webhookID)'s objects failed (\(TextSanitizer.clean(String(describing: error)))); the next sync round catches up"
                )
            }
            try await store.markWebhookHandled(id: receipt.id)
        }
    }

    private func startRoundIfDue(_ id: Int64) {
        guard var entry = led[id], entry.round == nil, ContinuousClock.now >= entry.nextRound else { return }
        let source = entry.source
        roundsStarted += 1
        let number = roundsStarted
        entry.roundNumber = number
        entry.round = Task { [work] in
            var failed = false
            do { try await work.syncRound(source: source) } catch { failed = !(error is CancellationError) }
            self.roundEnded(id, number: number, failed: failed)
        }
        led[id] = entry
    }

    private func roundEnded(_ id: Int64, number: Int, failed: Bool) {
        counters.round(failed: failed)
        guard var entry = led[id], entry.roundNumber == number else { return }
        entry.round = nil
        entry.nextRound = .now + settings.interval
        led[id] = entry
        if failed { logger.warning("a sync round of \(entry.source.name) failed; the next starts on schedule") }
    }

    private func report() {
        let line = ServeStatus.line(leading: leading, counters: counters.snapshot, webhookPort: webhookPort)
        guard line != lastStatus else { return }
        lastStatus = line
        settings.onStatus(line)
    }

    private func shutDown(_ store: PostgresStore) async {
        feed?.cancel()
        let rounds = led.values.compactMap(\.round)
        rounds.forEach { $0.cancel() }
        for round in rounds { await round.value }
        if let leadership {
            for id in led.keys { try? await leadership.release(sourceID: id) }
            await leadership.close()
        }
        led.removeAll()
        leadership = nil
        await server?.stop()
        server = nil
        await feed?.value
        await store.close()
        logger.notice("serve stopped; every lead released")
        report()
    }
}
