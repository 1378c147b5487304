import BillingCore
import Foundation
import TUIKit

/// The log view: the fetcher's log and the app's own messages, oldest first, scrolled by j/k.
public enum LogView {
    public static func render(_ s: AppState, into grid: inout CellGrid, body: Rect) {
        Box(title: "Log", focused: true).render(into: &grid, in: body)
        let inner = body.inset(by: 1)
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
