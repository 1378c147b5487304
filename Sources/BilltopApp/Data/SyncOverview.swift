import BillingCore
import BillingStore
import BillingSync

/// What the header and log view show about the fetcher.
public struct SyncOverview: Sendable, Equatable {
    /// One configured source.
    public struct Source: Sendable, Equatable {
        public enum Activity: Sendable, Equatable {
            case idle, syncing(String), waitingRateLimit(until: Timestamp), failed(String)
            /// A request failed and will be tried again ("retrying in 4s: connection refused …"): not failed yet, but
            /// nothing is arriving, so the header shows it in the warning colour.
            case retrying(String)
        }

        public var name: String
        /// "chargify", "truto", "sandbox", ...
        public var kind: String
        public var activity: Activity
        /// When the last complete sync of every stream finished.
        public var lastSyncedAt: Timestamp?
        /// Its key goes over plain http to a host that is not loopback (`allow_insecure_http = true`).
        public var insecure: Bool

        public init(
            name: String, kind: String, activity: Activity = .idle, lastSyncedAt: Timestamp? = nil,
            insecure: Bool = false
        ) {
            self.name = name
            self.kind = kind
            self.activity = activity
            self.lastSyncedAt = lastSyncedAt
            self.insecure = insecure
        }
    }

    public var sources: [Source]
    /// Most recent last.
    public var log: [LogLine]
    /// Every source's and GHL location's health, without record counts (the header's amber and red).
    public var health: [SourceHealth]

    public init(sources: [Source] = [], log: [LogLine] = [], health: [SourceHealth] = []) {
        self.sources = sources
        self.log = log
        self.health = health
    }

    /// While a source syncs, the newest first-sync estimate in the sync log, cut to its summary ("first sync
    /// 2/4, ETA 22m+ (estimate)"), which the header shows in place of "not synced yet"; nil otherwise.
    public var firstSyncSummary: String? {
        let busy = sources.contains { source in
            switch source.activity {
            case .idle, .failed: false
            case .syncing, .waitingRateLimit, .retrying: true
            }
        }
        guard busy, let line = log.last(where: { $0.message.hasPrefix(SyncEstimate.prefix) }) else { return nil }
        return String(line.message.prefix { $0 != ":" })
    }
}
