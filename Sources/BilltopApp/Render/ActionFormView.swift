import BillingCore
import Foundation
import TUIKit

/// The action being prepared, over the screen: what it will do (source, customer, object, amounts,
/// recipients), the fields while editing, then the wait and the outcome. The keys line is the keymap's.
public enum ActionFormView {
    public static func render(_ s: AppState, into grid: inout CellGrid, screen: Rect) {
        guard let form = s.actionForm else { return }
        let width = min(96, screen.width - 2)
        let w = width - 4
        guard w >= 20 else { return }
        let lines = body(form, width: w, byServe: s.actionAvailability.performedByServe)
        let height = min(screen.height - 2, lines.count + 4)
        guard height >= 5 else { return }
        let inner = Overlay(title: form.title, width: width, height: height)
            .render(into: &grid, in: screen, style: CellStyle(.text))
        let x = inner.x + 1
        for (i, line) in lines.prefix(max(0, inner.height - 2)).enumerated() {
            switch line {
            case .text(let text, let role, let bold):
                grid.field(text, x: x, y: inner.y + i, width: w, style: CellStyle(role, bold: bold))
            case .field(let field, let focused):
                let labelWidth = 9
                grid.field(field.label, x: x, y: inner.y + i, width: labelWidth, style: CellStyle(.muted))
                let boxWidth = min(44, w - labelWidth - 1)
                let shown = field.text + (focused ? "_" : "")
                // The end of a long entry stays in view while typing.
                let visible = shown.count > boxWidth ? "…" + String(shown.suffix(boxWidth - 1)) : shown
                let style = CellStyle(focused ? .input : .text, bold: focused)
                grid.fill(
                    Rect(x: x + labelWidth + 1, y: inner.y + i, width: boxWidth, height: 1),
                    with: Cell(" ", style: style))
                grid.field(visible, x: x + labelWidth + 1, y: inner.y + i, width: boxWidth, style: style)
                if field.text.isEmpty, !field.hint.isEmpty {
                    grid.field(
                        field.hint, x: x + labelWidth + 2 + boxWidth, y: inner.y + i,
                        width: max(0, w - labelWidth - 2 - boxWidth), style: CellStyle(.muted))
                }
            }
        }
        let keys = AppKeymap.footer(in: s.activeContexts).map { "\($0.keys.first?.label ?? ""): \($0.help)" }
        grid.field(keys.joined(separator: " · "), x: x, y: inner.maxY - 1, width: w, style: CellStyle(.muted))
    }

    enum Line {
        case text(String, StyleRole, bold: Bool)
        case field(ActionFormField, focused: Bool)
    }

    /// The form's lines for its phase, long ones wrapped to `width`; `byServe` on a team store, where the request
    /// is performed by `billtop serve` with the team's key, not by this terminal.
    static func body(_ form: ActionForm, width: Int, byServe: Bool = false) -> [Line] {
        func wrapped(_ text: String, _ role: StyleRole = .text, bold: Bool = false) -> [Line] {
            TextLayout.wrap(TextSanitizer.clean(text), width: width).map { .text($0, role, bold: bold) }
        }
        var lines: [Line] = []
        switch form.phase {
        case .editing:
            for line in form.reviewLines.prefix(4) { lines += wrapped(line) }
            lines.append(.text("", .text, bold: false))
            for (i, field) in form.fields.enumerated() { lines.append(.field(field, focused: i == form.field)) }
        case .review:
            for line in form.reviewLines { lines += wrapped(line) }
            lines.append(.text("", .text, bold: false))
            lines += wrapped(
                byServe
                    ? "Nothing is sent until you press y; then billtop serve carries it out once (it holds the team's keys)."
                    : "Nothing is sent until you press y.", .accent, bold: true)
        case .sending:
            for line in form.reviewLines { lines += wrapped(line) }
            lines.append(.text("", .text, bold: false))
            lines += wrapped(
                byServe
                    ? "Asked billtop serve… (the request is queued: if this screen closes now, serve still performs it, and the audit shows its outcome)"
                    : "Sending… (its token is in the journal: if billtop stops now, the next start finishes it)",
                .accent)
        case .finished(let report):
            for line in form.reviewLines { lines += wrapped(line) }
            lines.append(.text("", .text, bold: false))
            for line in report.lines { lines += wrapped(line, report.succeeded ? .ok : .danger, bold: true) }
            lines += wrapped("answered in \(report.milliseconds) ms", .muted)
        }
        if let problem = form.problem {
            lines.append(.text("", .text, bold: false))
            lines += wrapped(problem, .danger, bold: true)
        }
        return lines
    }
}
