import BillingCore
import BillingStore
import Foundation

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

    public init(
        replica: TeamReplica, data: StoreDashboardData, events: EventQueue, settings: MetricsSettings,
        clock: @escaping @Sendable () -> Timestamp, maximumPause: Duration = .seconds(30)
    ) {
        self.replica = replica
        self.data = data
        self.events = events
        self.settings = settings
        self.clock = clock
        self.maximumPause = maximumPause
    }

    /// Follows until cancelled; `changed` is called after every round that changed the copy.
    public func run(changed: @escaping @Sendable () -> Void) async {
        var pause = Duration.seconds(1)
        while !Task.isCancelled {
            do {
                try await round(changed: changed)
                pause = .seconds(1)
                let applied = try replica.copy.replicaState()?.appliedSeq ?? 0
                _ = try await PostgresChangeFeed.follow(replica.team.url, after: max(0, applied)) { _ in
                    do { try await round(changed: changed) } catch {
                        report(error)
                        return false  // reconnect: the next attempt starts with a round
                    }
                    return !Task.isCancelled
                }
            } catch {
                report(error)
            }
            if Task.isCancelled { return }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, maximumPause)
        }
    }

    /// One round: copy what changed, refresh the changed sources' aggregates, clear the header's activity.
    func round(changed: @escaping @Sendable () -> Void) async throws {
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

    private func report(_ error: any Error) {
        let line = "team store \(replica.team.url.location): \(TextSanitizer.clean(String(describing: error)))"
        for source in (try? replica.copy.sources()) ?? [] {
            data.setActivity(.retrying("\(line); showing the copy, reconnecting"), source: source.name)
        }
        events.post(.failed("\(line); the screen shows the copy until it reconnects"))
    }
}
