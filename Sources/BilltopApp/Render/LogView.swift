import BillingCore
import Foundation
import TUIKit

/// The sync screen: each source's health on top (`SourceHealthView`), then the fetcher's log and the app's
/// own messages, oldest first, scrolled by j/k.
public enum LogView {
    /// The log rows visible under the sources box.
    public static func logRows(_ s: AppState) -> Int {
        let body = s.layout.body.height
        return max(1, body - SourceHealthView.height(s, body: body) - 2)
    }

    public static func render(_ s: AppState, into grid: inout CellGrid, body: Rect) {
        let top = SourceHealthView.height(s, body: body.height)
        if top > 0 {
            SourceHealthView.render(s, into: &grid, rect: Rect(x: body.x, y: body.y, width: body.width, height: top))
        }
        let logRect = Rect(x: body.x, y: body.y + top, width: body.width, height: body.height - top)
        Box(title: "Log", focused: true).render(into: &grid, in: logRect)
        let inner = logRect.inset(by: 1)
        let log = s.combinedLog
        if log.isEmpty {
            grid.put("nothing logged yet", x: inner.x, y: inner.y, style: CellStyle(.muted), maxX: inner.maxX)
            return
        }
        for (i, entry) in log.dropFirst(s.logScroll).prefix(inner.height).enumerated() {
            let role: StyleRole = entry.level == .error ? .danger : (entry.level == .warning ? .warn : .text)
            let time = String(entry.time.iso8601.dropFirst(11).prefix(8))
            var x = grid.put(time + " ", x: inner.x, y: inner.y + i, style: CellStyle(.muted), maxX: inner.maxX)
            x = grid.put(
                entry.level.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0), x: x, y: inner.y + i,
                style: CellStyle(role), maxX: inner.maxX)
            grid.put(
                TextLayout.truncate(entry.message, to: inner.maxX - x), x: x, y: inner.y + i, style: CellStyle(role),
                maxX: inner.maxX)
        }
    }
}
