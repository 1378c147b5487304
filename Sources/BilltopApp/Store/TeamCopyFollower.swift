import BillingCore
import BillingStore
import Foundation
import Synchronization

/// Keeps a viewer's copy of the team store (`TeamReplica`) in step while the dashboard is open: a round at once,
/// then one on every change serve commits (LISTEN/NOTIFY, the payload only a number), each followed by the
/// aggregates of the sources it changed, so a commit reaches the screen within a second. A lost connection is
/// said in the header and retried with a growing pause; the screen keeps showing the copy meanwhile.
public struct TeamCopyFollower: Sendable {
    let replica: TeamReplica
    let data: StoreDashboardData
    let events: EventQueue
    let settings: MetricsSettings
    let clock: @Sendable () -> Timestamp
    /// Longest pause between reconnection attempts.
    let maximumPause: Duration
    /// A round even without a notification: a connection the server dropped can stay silent instead of failing,
    /// and this round is what notices (and catches up meanwhile).
    let pollInterval: Duration
    /// A statement to the team store unanswered this long is taken for a dead connection: the connections are
    /// reopened. Only the server's answers are timed: a first copy of a big store takes minutes, batch after
    /// batch, and the copy's own work (applying a batch, the figures, the screen) needs no connection and can take
    /// longer than this on a busy laptop (twenty viewers at 100k customers sharing two cores and one disk went
    /// past 30 s, and were each told their connection had no answer, their rounds cut and begun again).
    let roundLimit: Duration

    public init(
        replica: TeamReplica, data: StoreDashboardData, events: EventQueue, settings: MetricsSettings,
        clock: @escaping @Sendable () -> Timestamp, maximumPause: Duration = .seconds(30),
        pollInterval: Duration = .seconds(10), roundLimit: Duration = .seconds(30)
    ) {
        self.replica = replica
        self.data = data
        self.events = events
        self.settings = settings
        self.clock = clock
        self.maximumPause = maximumPause
        self.pollInterval = pollInterval
        self.roundLimit = roundLimit
    }

    /// Follows until cancelled; `changed` is called after every round that changed the copy. A round that fails
    /// or does not end within `roundLimit`, or a listener that ends, reopens both connections (the store's and
    /// LISTEN's) before the next attempt, with a growing pause.
    public func run(changed: @escaping @Sendable () -> Void) async {
        var replica = self.replica
        var pause = Duration.seconds(1)
        while !Task.isCancelled {
            let wake = Mutex(true)  // the first round runs at once
            let listenerEnded = Mutex(false)
            let url = replica.team.url
            let after = max(0, (try? replica.copy.replicaState()?.appliedSeq) ?? 0)
            // The listener only wakes the loop; it may hang on a dead connection, so it is left, never awaited.
            let listener = Task {
                _ = try? await PostgresChangeFeed.follow(url, after: after) { _ in
                    wake.withLock { $0 = true }
                    return !Task.isCancelled
                }
                listenerEnded.withLock { $0 = true }
            }
            var waited = Duration.zero
            while !Task.isCancelled {
                if wake.withLock({ woke in
                    defer { woke = false }; return woke
                }) || waited >= pollInterval {
                    waited = .zero
                    if let problem = await watched(replica, changed: changed) {
                        report(problem)
                        break
                    }
                    pause = .seconds(1)
                }
                if listenerEnded.withLock({ $0 }) {
                    report("the change feed closed")
                    break
                }
                try? await Task.sleep(for: .milliseconds(50))
                waited += .milliseconds(50)
            }
            listener.cancel()
            if Task.isCancelled { return }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, maximumPause)
            if let fresh = try? await PostgresStore.openForReading(url) {
                let stale = replica.team
                Task { await stale.close() }  // may hang like its connection: not awaited
                replica = TeamReplica(team: fresh, copy: replica.copy, batch: replica.batch)
            }
        }
    }

    /// Runs one round, timing each statement it sends to the team store (`PostgresStore.unanswered`); the problem
    /// when it failed or stalled, nil when it finished. A stalled round is left to end on its own: a statement on
    /// a dropped connection may wait forever. The copy's own work between statements is not timed.
    private func watched(_ replica: TeamReplica, changed: @escaping @Sendable () -> Void) async -> String? {
        let ended = Mutex<String??>(nil)  // .some(nil): finished; .some(text): failed
        let work = Task {
            do {
                try await round(replica, changed: changed)
                ended.withLock { $0 = .some(nil) }
            } catch {
                ended.withLock { $0 = .some(TextSanitizer.clean(String(describing: error))) }
            }
        }
        while true {
            if let outcome = ended.withLock({ $0 }) { return outcome }
            if let waited = replica.team.unanswered, waited > roundLimit {
                work.cancel()
                return "no answer for \(roundLimit)"
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// One round: copy what changed, refresh the changed sources' aggregates, clear the header's activity.
    func round(_ replica: TeamReplica, changed: @escaping @Sendable () -> Void) async throws {
        let names = Dictionary(uniqueKeysWithValues: try replica.copy.sources().map { ($0.id, $0.name) })
        let first = (try replica.copy.replicaState())?.appliedSeq ?? -1 < 0
        let done = try await replica.catchUp { rows in
            // A first copy of a big store takes minutes: the header counts it, as it counts a first sync.
            guard first else { return }
            for name in names.values {
                data.setActivity(.syncing("copying the team store: \(rows) rows"), source: name)
            }
            if let overview = try? data.syncStatus() { events.post(.syncChanged(overview)) }
        }
        // Records changed outside a listing (a webhook's or an action's re-read) move the figures at once; pages
        // of a listing under way wait for its end, as the dashboard's own fetcher's do (a refresh per page would
        // spend a viewer's CPU on figures the next page moves again).
        let refresher = AggregateRefresher(store: replica.copy, settings: settings)
        let syncing = try replica.copy.sourcesSyncing()
        let day = clock().utcDate
        for source in try replica.copy.sources().map(\.id) where !syncing.contains(source) {
            if done.changedSources.contains(source) {
                try refresher.refreshAggregates(sourceID: source, asOf: day)
            } else {
                try refresher.refreshIfStale(sourceID: source, asOf: day)
            }
        }
        for source in try replica.copy.sources() { data.setActivity(nil, source: source.name) }
        if let overview = try? data.syncStatus() { events.post(.syncChanged(overview)) }
        if done.rows > 0 || first { changed() }
    }

    private func report(_ problem: String) {
        let line = "team store \(replica.team.url.location): \(problem)"
        for source in (try? replica.copy.sources()) ?? [] {
            data.setActivity(.retrying("\(line); showing the copy, reconnecting"), source: source.name)
        }
        events.post(.failed("\(line); the screen shows the copy until it reconnects"))
    }
}
