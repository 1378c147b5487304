import Foundation

/// How far a first sync has come and when it may end. Chargify's lists carry no total count, so every
/// figure is an estimate and the text says so: a stream's expected size comes from what is already known
/// (`InvoiceForecast` for the invoices), a stream with no such figure counts as at least one more request
/// (the ETA is then a lower bound, "22m+"), and the pace is the request budget's or the rate measured so far.
public struct SyncEstimate: Sendable, Equatable {
    /// One stream's listing so far.
    public struct Stream: Sendable, Equatable {
        public var name: String
        public var records: Int
        public var pages: Int
        public var finished: Bool
        /// Records the listing is expected to hold; nil when nothing tells.
        public var expected: Int?

        public init(name: String, records: Int = 0, pages: Int = 0, finished: Bool = false, expected: Int? = nil) {
            self.name = name
            self.records = records
            self.pages = pages
            self.finished = finished
            self.expected = expected
        }

        /// Requests still to make: the pages the expected records need beyond those read (a last short or
        /// empty page included), or nil when no count is known.
        func remainingRequests(pageSize: Int) -> Int? {
            guard !finished else { return 0 }
            guard let expected else { return nil }
            return max(0, expected - records) / max(1, pageSize) + 1
        }
    }

    public var streams: [Stream]
    /// Records per page the listings ask for.
    public var pageSize: Int
    /// The source's budget (`requests_per_hour`), nil when unlimited.
    public var requestsPerHour: Int?
    /// Requests sent since the sync started, and the seconds it has run: the measured pace.
    public var requestsSent: Int
    public var elapsedSeconds: Double

    public init(streams: [Stream], pageSize: Int, requestsPerHour: Int?, requestsSent: Int, elapsedSeconds: Double) {
        self.streams = streams
        self.pageSize = pageSize
        self.requestsPerHour = requestsPerHour
        self.requestsSent = requestsSent
        self.elapsedSeconds = elapsedSeconds
    }

    /// Requests still to make, and whether that is only a lower bound (some unfinished stream has no
    /// expected count: it is counted as one request).
    public var remainingRequests: (count: Int, lowerBound: Bool) {
        var count = 0
        var lowerBound = false
        for stream in streams {
            if let remaining = stream.remainingRequests(pageSize: pageSize) {
                count += remaining
            } else {
                count += 1
                lowerBound = true
            }
        }
        return (count, lowerBound)
    }

    /// Requests a second: the budget's pace, or the measured rate when that is slower (latency, a small
    /// in-flight cap); without a budget the measured rate; nil before anything was measured or budgeted.
    public var requestsPerSecond: Double? {
        let measured = requestsSent > 0 && elapsedSeconds > 0 ? Double(requestsSent) / elapsedSeconds : nil
        guard let requestsPerHour, requestsPerHour > 0 else { return measured }
        let pace = Double(requestsPerHour) / 3600
        return measured.map { min($0, pace) } ?? pace
    }

    /// Seconds until the end at the pace above; nil when unknown (no pace yet, or no stream with a known
    /// size left while all are running without one).
    public var etaSeconds: Double? {
        let (count, lowerBound) = remainingRequests
        guard let rate = requestsPerSecond, rate > 0 else { return nil }
        let known = streams.contains { $0.finished || $0.expected != nil }
        guard known || !lowerBound else { return nil }
        return Double(count) / rate
    }

    /// What every line starts with, so the header finds the newest in the sync log.
    public static let prefix = "first sync "

    /// The short form, for the dashboard's header: "first sync 2/4, ETA 22m+ (estimate)", the "+" when the
    /// ETA is a lower bound. ASCII only, so its width is the same on every terminal.
    public var summary: String {
        let done = streams.filter(\.finished).count
        guard done < streams.count else { return Self.prefix + "\(done)/\(streams.count), done" }
        let eta = etaSeconds.map { remainingRequests.lowerBound ? Self.duration($0) + "+" : "~" + Self.duration($0) }
        return Self.prefix + "\(done)/\(streams.count), ETA \(eta ?? "unknown") (estimate)"
    }

    /// The whole line, for the sync log and `billtop sync`: the summary, then each unfinished stream and
    /// the pace, e.g. "...: invoices 1240 of ~6000, events 3400 so far; ~310 requests left at 60/min".
    public var line: String {
        guard streams.contains(where: { !$0.finished }) else { return summary }
        let open = streams.filter { !$0.finished }.map { stream in
            stream.expected.map { "\(stream.name) \(stream.records) of ~\(max($0, stream.records))" }
                ?? "\(stream.name) \(stream.records) so far"
        }
        let (count, lowerBound) = remainingRequests
        var text = summary
        if !open.isEmpty { text += ": " + open.joined(separator: ", ") }
        if let rate = requestsPerSecond {
            text += "; \(lowerBound ? "at least " : "~")\(count) requests left at \(Int((rate * 60).rounded()))/min"
        }
        return text
    }

    /// "45s", "22m", "3h05m".
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole)s" }
        let minutes = (whole + 59) / 60
        if minutes < 60 { return "\(minutes)m" }
        return "\(minutes / 60)h" + String(format: "%02dm", minutes % 60)
    }
}
