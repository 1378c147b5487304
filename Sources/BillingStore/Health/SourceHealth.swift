import Foundation

/// How one source (a Chargify or Truto billing source, or a GHL location) is doing, for `billtop status` and
/// the dashboard's sync screen (issue 19 point 6): per stream the last success, its staleness and records;
/// for the source the requests this hour and today against the known limits, the time spent waiting on rate
/// limits, the error rate with the last errors, and the journal's unfinished actions. Read it with
/// `BillingStore.sourceHealth(now:staleAfterSeconds:)`.
public struct SourceHealth: Hashable, Sendable, Codable {
    /// The source's state, worst first where several apply.
    public enum Level: String, Sendable, Codable, Comparable {
        case ok
        /// Never synced, or no success for longer than the stale limit.
        case stale
        /// A stream's last run failed, or most of the last hour's requests failed.
        case failing

        public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
        var rank: Int { self == .ok ? 0 : self == .stale ? 1 : 2 }
    }

    public struct Stream: Hashable, Sendable, Codable {
        public var name: String
        /// Seconds since 1970 of the last completed run; nil before the first.
        public var lastSuccessAt: Int64?
        /// Seconds since the last success; nil before the first.
        public var stalenessSeconds: Int64?
        /// Records kept in the store for it (rows of its table; the last run's count where it has none).
        public var records: Int
        /// The last run's error, when it failed (sanitised when it was logged).
        public var lastError: String?

        public init(name: String, lastSuccessAt: Int64?, stalenessSeconds: Int64?, records: Int, lastError: String?) {
            self.name = name
            self.lastSuccessAt = lastSuccessAt
            self.stalenessSeconds = stalenessSeconds
            self.records = records
            self.lastError = lastError
        }
    }

    /// One logged error: when (seconds since 1970) and what.
    public struct Problem: Hashable, Sendable, Codable {
        public var at: Int64
        public var message: String

        public init(at: Int64, message: String) {
            self.at = at
            self.message = message
        }
    }

    public var name: String
    /// "chargify", "truto" or "ghl".
    public var kind: String
    public var streams: [Stream]
    public var requestsLastHour: Int
    public var requestsToday: Int
    /// The provider's documented limits, when known (see `knownLimits`).
    public var limitPerHour: Int?
    public var limitPerDay: Int?
    /// Time spent waiting on rate limits today, in milliseconds.
    public var rateLimitWaitMs: Int
    /// 429 answers today.
    public var rateLimitedToday: Int
    /// Requests in the last hour answered with an error (4xx, 5xx) or not at all.
    public var failedLastHour: Int
    /// The newest errors, newest first (at most five).
    public var lastErrors: [Problem]
    /// Journal rows of this source that were never answered (resumed at the next action or start).
    public var pendingActions: Int
    public var level: Level
    /// Why the level is what it is, in one line ("customers failed: ...", "no success for 3 h").
    public var reason: String

    /// "42 this hour of 3,600, 1,250 today of 200,000": the requests against the known limits, as both
    /// `billtop status` and the dashboard's sync screen say it.
    public var requestsSummary: String {
        let count = Self.grouped
        var text = "\(count(requestsLastHour)) this hour"
        if let limit = limitPerHour { text += " of \(count(limit))" }
        text += ", \(count(requestsToday)) today"
        if let limit = limitPerDay { text += " of \(count(limit))" }
        return text
    }

    /// "1,250": counts with thousands separators, the same whatever the machine's locale.
    public static func grouped(_ n: Int) -> String {
        n.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
    }

    /// Failed requests in the last hour per hundred requests (0 when there were none).
    public var errorPercent: Int { requestsLastHour == 0 ? 0 : failedLastHour * 100 / requestsLastHour }

    /// The documented request limits per hour and per day of a kind of source (api-reference.md).
    public static func knownLimits(kind: String) -> (perHour: Int?, perDay: Int?) {
        switch kind {
        case "chargify": (3_600, nil)  // Truto's Chargify page: about 3,600 requests an hour
        case "truto": (18_000, nil)  // 50 requests per 10 s per integrated account
        case "ghl": (36_000, 200_000)  // 100 per 10 s, 200,000 a day per location
        default: (nil, nil)
        }
    }

    public init(
        name: String, kind: String, streams: [Stream], requestsLastHour: Int = 0, requestsToday: Int = 0,
        rateLimitWaitMs: Int = 0, rateLimitedToday: Int = 0, failedLastHour: Int = 0, lastErrors: [Problem] = [],
        pendingActions: Int = 0, level: Level = .ok, reason: String = ""
    ) {
        self.name = name
        self.kind = kind
        self.streams = streams
        self.requestsLastHour = requestsLastHour
        self.requestsToday = requestsToday
        (limitPerHour, limitPerDay) = Self.knownLimits(kind: kind)
        self.rateLimitWaitMs = rateLimitWaitMs
        self.rateLimitedToday = rateLimitedToday
        self.failedLastHour = failedLastHour
        self.lastErrors = lastErrors
        self.pendingActions = pendingActions
        self.level = level
        self.reason = reason
    }

    /// Sets `level` and `reason` from the streams and the last hour: a failed stream or at least half of 4+
    /// requests failing is `failing`; no success within `staleAfterSeconds` is `stale`.
    public mutating func judge(staleAfterSeconds: Int64) {
        if let failed = streams.first(where: { $0.lastError != nil }) {
            level = .failing
            reason = "\(failed.name) failed: \(failed.lastError ?? "")"
        } else if requestsLastHour >= 4, failedLastHour * 2 >= requestsLastHour {
            level = .failing
            reason = "\(failedLastHour) of \(requestsLastHour) requests failed in the last hour"
        } else if streams.isEmpty || streams.contains(where: { $0.lastSuccessAt == nil }) {
            level = .stale
            reason = streams.isEmpty ? "never synced" : "not synced completely yet"
        } else if let oldest = streams.compactMap(\.stalenessSeconds).max(), oldest > staleAfterSeconds {
            level = .stale
            reason = "no success for \(Self.duration(oldest))"
        } else {
            level = .ok
            reason = "synced"
        }
    }

    /// "45 s", "12 min", "3 h", "2 d".
    public static func duration(_ seconds: Int64) -> String {
        if seconds < 120 { return "\(seconds) s" }
        if seconds < 7_200 { return "\(seconds / 60) min" }
        if seconds < 172_800 { return "\(seconds / 3_600) h" }
        return "\(seconds / 86_400) d"
    }
}
