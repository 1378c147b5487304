import BillingCore
import BillingStore
import TUIKit

/// The top line: sources, what the fetcher is doing, staleness and rate-limit waits; amber when a source
/// (or a GHL location) is stale or waiting, red when one is failing.
public enum HeaderView {
    /// The right-hand status text, e.g. "synced 14s ago · syncing invoices · rate limited 12s".
    public static func syncText(_ s: AppState) -> (String, StyleRole) {
        let sources = s.sync.sources
        guard !sources.isEmpty else { return ("no sources configured", .muted) }
        var parts: [String] = []
        var role: StyleRole = .ok
        let last = sources.compactMap(\.lastSyncedAt).max()
        // A first sync says how far it has come instead (`SyncOverview.firstSyncSummary`).
        parts.append(
            last.map { "synced " + Formats.ago($0, now: s.now) } ?? s.sync.firstSyncSummary ?? "not synced yet")
        if last == nil { role = .warn }
        for source in sources {
            let prefix = sources.count > 1 ? source.name + ": " : ""
            switch source.activity {
            case .idle: break
            case .syncing(let what): parts.append(prefix + what)
            case .waitingRateLimit(let until):
                let wait = max(0, until.secondsSinceEpoch - s.now.secondsSinceEpoch)
                parts.append(prefix + "rate limited, waiting \(wait)s")
                if role != .danger { role = .warn }
            case .retrying(let what):
                parts.append(prefix + what)
                if role != .danger { role = .warn }
            case .failed(let why):
                parts.append(prefix + "failed: " + why)
                role = .danger
            }
        }
        // What the fetcher's activity does not say: a GHL location, a source failing by its error rate, or
        // one whose last success is too old (`SourceHealth.judge`). A first sync already says how far it is.
        for health in s.sync.health where health.level != .ok {
            if let source = sources.first(where: { $0.name == health.name }) {
                if case .failed = source.activity { continue }
                if source.lastSyncedAt == nil && health.level == .stale { continue }
            }
            let prefix = health.name + ": "
            if health.level == .failing {
                parts.append(prefix + "failing, " + health.reason)
                role = .danger
            } else {
                parts.append(prefix + "stale, " + health.reason)
                if role != .danger { role = .warn }
            }
        }
        return (parts.joined(separator: " · "), role)
    }

    public static func render(_ s: AppState, into grid: inout CellGrid, rect: Rect) {
        grid.fill(rect, with: Cell(" ", style: CellStyle(.header)))
        var x = grid.put(" billtop ", x: rect.x, y: rect.y, style: CellStyle(.title, bold: true), maxX: rect.maxX)
        // An insecure source says so wherever its name is shown (allow_insecure_http = true).
        let names = s.sync.sources.map { "\($0.name) (\($0.kind)\($0.insecure ? ", insecure http" : ""))" }.joined(
            separator: ", ")
        let (text, role) = syncText(s)
        let rightWidth = min(DisplayWidth.of(TextSanitizer.clean(text)) + 1, max(0, rect.width - x - 4))
        x = grid.put(
            " " + TextLayout.truncate(names, to: max(0, rect.maxX - x - rightWidth - 2)), x: x, y: rect.y,
            style: CellStyle(.header), maxX: rect.maxX - rightWidth)
        grid.field(
            text, x: rect.maxX - rightWidth - 1, y: rect.y, width: rightWidth, style: CellStyle(role), align: .right)
    }
}
