import BillingCore
import Foundation
import TUIKit

/// The action key's menu over the screen: the customer, the subscription and invoice it addresses, then every
/// action with its key from the keymap; one that cannot be done here is dimmed with the reason beside it.
public enum ActionMenuView {
    public static func render(_ s: AppState, into grid: inout CellGrid, screen: Rect) {
        guard let menu = s.actionMenu else { return }
        let width = min(96, screen.width - 2)
        let noticeLines =
            menu.notice?.lines.flatMap { TextLayout.wrap(TextSanitizer.clean($0), width: width - 4) } ?? []
        let height = min(screen.height - 2, menu.entries.count + 8 + noticeLines.count)
        guard width >= 30, height >= 6 else { return }
        let title = "Act on \(menu.target.customerLine)"
        let inner = Overlay(title: TextLayout.truncate(title, to: width - 6), width: width, height: height)
            .render(into: &grid, in: screen, style: CellStyle(.text))
        var y = inner.y
        let x = inner.x + 1
        let w = inner.width - 2
        if let sub = menu.subscription {
            let state = sub.state.apiValue.replacingOccurrences(of: "_", with: " ")
            var line = "Subscription \(sub.id): \(sub.productName) (\(state))"
            if menu.target.subscriptions.count > 1 {
                line += "  [\(menu.subscriptionIndex + 1) of \(menu.target.subscriptions.count), Tab: next]"
            }
            grid.field(line, x: x, y: y, width: w)
        } else {
            grid.field("No subscription", x: x, y: y, width: w, style: CellStyle(.muted))
        }
        y += 1
        if let invoice = menu.target.invoice {
            let status = invoice.status.apiValue.replacingOccurrences(of: "_", with: " ")
            grid.field(
                "Invoice \(invoice.number): \(status), due \(MoneyFormatter.format(invoice.due)) of "
                    + MoneyFormatter.format(invoice.total), x: x, y: y, width: w)
        } else {
            grid.field("No invoice", x: x, y: y, width: w, style: CellStyle(.muted))
        }
        y += 2
        let keys = AppKeymap.active(in: [.actionMenu])
        let rows = max(0, inner.maxY - y - 1 - noticeLines.count)
        // A short terminal drops the entries that cannot be done here first, then says how many are left out
        // (their keys still work; `?` is not needed to find them: the list is in docs/KEYBINDINGS.md).
        var shown = menu.entries
        if shown.count > rows - 1 { shown = shown.filter { $0.unavailable == nil } }
        var hidden = menu.entries.count - shown.count
        if shown.count > rows - 1 {
            hidden += shown.count - max(0, rows - 2)
            shown = Array(shown.prefix(max(0, rows - 2)))
        }
        // An entry that cannot be done shows its reason after the widest such label where the reason keeps 26
        // cells (a wide terminal cuts neither); a narrower one gives the label 44 cells, the key's meaning first.
        let widest =
            shown.filter { $0.unavailable != nil }.map { DisplayWidth.of(TextSanitizer.clean($0.label)) }
            .max() ?? 0
        let labelWidth = min(widest, max(min(44, w - 4), w - 4 - 26))
        for entry in shown {
            let key = keys.first { $0.action == entry.command }?.keyLabel ?? "?"
            let available = entry.unavailable == nil
            grid.field(key, x: x, y: y, width: 3, style: CellStyle(available ? .footerKey : .muted, bold: available))
            if let reason = entry.unavailable {
                let labelEnd = grid.field(entry.label, x: x + 4, y: y, width: labelWidth, style: CellStyle(.muted))
                grid.field(
                    "— " + reason, x: labelEnd + 1, y: y, width: max(0, x + w - labelEnd - 1), style: CellStyle(.muted))
            } else {
                grid.field(entry.label, x: x + 4, y: y, width: w - 4)
            }
            y += 1
        }
        if hidden > 0, rows > 1 {
            grid.field(
                "+\(hidden) more (some not possible here); a taller terminal shows them all", x: x + 4, y: y,
                width: w - 4, style: CellStyle(.muted))
            y += 1
        }
        if rows > 0 {
            let key = keys.first { $0.action == .actPortalLink }
            grid.field(key?.keyLabel ?? "", x: x, y: y, width: 3, style: CellStyle(.footerKey, bold: true))
            grid.field(key?.help ?? "", x: x + 4, y: y, width: w - 4)
            y += 1
        }
        let style = CellStyle(menu.notice?.succeeded == false ? .danger : .accent, bold: true)
        for (i, line) in noticeLines.enumerated() where inner.maxY - 1 - noticeLines.count + i > y {
            grid.field(line, x: x, y: inner.maxY - 1 - noticeLines.count + i, width: w, style: style)
        }
        if let problem = menu.problem {
            grid.field(problem, x: x, y: inner.maxY - 1, width: w, style: CellStyle(.warn, bold: true))
        }
    }
}
