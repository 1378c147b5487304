import BillingCore
import BillingStore
import Foundation
import TUIKit

/// The sync screen's upper half (issue 19 point 6): per source and GHL location its state and why, the
/// requests this hour and today against the provider's limits, the time waited on rate limits, the error
/// rate, the journal's unfinished actions, each stream's last success with its age and records, and the
/// newest errors. Every string came from the store or a server: sanitised here.
public enum SourceHealthView {
    /// The lines to show, each with its colour, for `health` at `now`.
    public static func lines(_ health: [SourceHealth], now: Timestamp) -> [(String, StyleRole)] {
        var out: [(String, StyleRole)] = []
        for h in health {
            let role: StyleRole = h.level == .failing ? .danger : (h.level == .stale ? .warn : .ok)
            out.append(("\(h.name) (\(h.kind))  \(h.level.rawValue.uppercased())  \(h.reason)", role))
            var usage = "  requests \(h.requestsSummary)"
            usage += " · waited \(SourceHealth.duration(Int64(h.rateLimitWaitMs / 1000))) on rate limits"
            usage += " (\(h.rateLimitedToday) × 429)"
            usage += " · errors \(h.errorPercent)% (\(h.failedLastHour) of \(h.requestsLastHour))"
            if h.kind != "ghl" { usage += " · \(h.pendingActions) unfinished action(s)" }
            out.append((usage, h.failedLastHour > 0 ? .warn : .text))
            for stream in h.streams {
                let when = stream.lastSuccessAt.map {
                    Formats.ago(Timestamp(secondsSinceEpoch: $0), now: now)
                }
                var line = "  \(stream.name.padding(toLength: 14, withPad: " ", startingAt: 0))"
                line += when.map { "synced \($0)" } ?? "never synced"
                line += " · \(count(stream.records)) records"
                if let error = stream.lastError { line += " · failed: \(error)" }
                out.append((line, stream.lastError == nil ? .muted : .danger))
            }
            for problem in h.lastErrors.prefix(2) {
                let at = String(Timestamp(secondsSinceEpoch: problem.at).iso8601.dropFirst(11).prefix(8))
                out.append(("  error \(at) \(problem.message)", .danger))
            }
        }
        return out.map { (TextSanitizer.clean($0.0), $0.1) }
    }

    /// The rows the sources box takes on a body of `height` rows: all its lines, at most half the body.
    public static func height(_ s: AppState, body height: Int) -> Int {
        let health = s.health ?? s.sync.health
        guard !health.isEmpty else { return 0 }
        return min(lines(health, now: s.now).count + 2, max(0, height / 2))
    }

    public static func render(_ s: AppState, into grid: inout CellGrid, rect: Rect) {
        guard rect.height >= 3 else { return }
        let health = s.health ?? s.sync.health
        Box(title: "Sources", focused: false).render(into: &grid, in: rect)
        let inner = rect.inset(by: 1)
        let all = lines(health, now: s.now)
        for (i, (text, role)) in all.prefix(inner.height).enumerated() {
            grid.put(
                TextLayout.truncate(text, to: inner.width), x: inner.x, y: inner.y + i, style: CellStyle(role),
                maxX: inner.maxX)
        }
        if all.count > inner.height, inner.height > 0 {
            // Cut short on a small terminal: say so rather than hide a failing source silently.
            let more = "… \(all.count - inner.height + 1) more lines: `billtop status` prints them all"
            grid.field(more, x: inner.x, y: inner.maxY - 1, width: inner.width, style: CellStyle(.muted))
        }
    }

    static func count(_ n: Int) -> String { SourceHealth.grouped(n) }
}
