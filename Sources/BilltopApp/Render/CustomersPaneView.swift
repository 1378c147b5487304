import BillingCore
import TUIKit

/// The customers pane: the search line, then name, (email), MRR, state and overdue per customer.
public enum CustomersPaneView {
    /// Narrowest a name is cut to when the email column is shown: names are what people scan for, so the
    /// email only takes room a name of this width leaves over.
    public static let nameWidthWithEmail = 22
    /// Narrowest useful email column (the local part's distinguishing ends, see `Formats.email`).
    public static let emailMinWidth = 12
    /// Beside an email, a name column grows no wider than this (nearly every name fits); wider screens give
    /// the rest to the email, which is what was cut at 200 columns.
    public static let nameMaxWidthWithEmail = 30

    /// Inner width from which the email column is shown: a name of `nameWidthWithEmail`, the email and the
    /// three fixed columns with their separators. The half-width pane of a 120-column screen (58) is below
    /// it and shows names of 26 cells instead of 13 beside a cut email.
    public static let emailFromWidth = nameWidthWithEmail + 1 + emailMinWidth + 1 + 10 + 1 + 9 + 1 + 10

    /// The empty pane names a CRM filter that emptied it ("no customer whose CRM contact has owner ann"), so
    /// nobody reads "no match" as "no such customer" when it was the owner or tag that kept them out.
    public static func noMatch(_ text: String) -> String {
        let (filter, rest) = CRMContactFilter.parse(text)
        guard let filter else { return "no customer matches this search" }
        let matching = rest.isEmpty ? "" : " matching \"\(TextSanitizer.clean(rest))\""
        return "no customer\(matching) whose CRM contact has \(TextSanitizer.clean(filter.summary))"
    }

    /// Columns for an inner width: the email column only where names still get `nameWidthWithEmail` cells.
    public static func columns(width: Int) -> [TableColumn] {
        let withEmail = width >= emailFromWidth
        var columns = [
            TableColumn(
                "Name", width: withEmail ? nameWidthWithEmail : 14, flex: 3,
                maxWidth: withEmail ? nameMaxWidthWithEmail : nil)
        ]
        if withEmail { columns.append(TableColumn("Email", width: emailMinWidth, flex: 2)) }
        columns += [
            TableColumn("MRR", width: 10, align: .right), TableColumn("State", width: 9),
            TableColumn("Overdue", width: 10, align: .right),
        ]
        return columns
    }

    public static func render(_ s: AppState, into grid: inout CellGrid, box: Rect, focused: Bool) {
        let q = s.customerQuery
        let arrow = q.descending ? "↑" : "↓"
        let count = s.customers.loaded ? " (\(s.customers.total)\(s.customers.page.isCapped ? "+" : ""))" : ""
        Box(title: "Customers\(count) · by \(q.sort.rawValue) \(arrow)", focused: focused).render(into: &grid, in: box)
        let inner = box.inset(by: 1)
        guard inner.height >= 3, inner.width >= 10 else { return }
        if s.searching {
            var x = grid.put("/ ", x: inner.x, y: inner.y, style: CellStyle(.accent, bold: true), maxX: inner.maxX)
            let shown = TextLayout.truncate(q.text, to: max(1, inner.width - 4))
            x = grid.put(shown, x: x, y: inner.y, style: CellStyle(.input), maxX: inner.maxX)
            grid.put("▏", x: x, y: inner.y, style: CellStyle(.input, bold: true), maxX: inner.maxX)
        } else if !q.text.isEmpty {
            let x = grid.put("/ ", x: inner.x, y: inner.y, style: CellStyle(.accent), maxX: inner.maxX)
            grid.put(
                TextLayout.truncate(q.text, to: inner.width - 2), x: x, y: inner.y, style: CellStyle(.input),
                maxX: inner.maxX)
        } else {
            grid.put(
                "/ search name, email, organisation, reference, id", x: inner.x, y: inner.y, style: CellStyle(.muted),
                maxX: inner.maxX)
        }
        let columns = columns(width: inner.width)
        let widths = TableColumn.widths(columns, total: inner.width)
        Table.header(&grid, columns, widths: widths, x: inner.x, y: inner.y + 1, totalWidth: inner.width)
        let list = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2)
        guard s.customers.loaded else {
            grid.put("loading…", x: list.x, y: list.y, style: CellStyle(.muted), maxX: list.maxX)
            return
        }
        if s.customers.total == 0 {
            let text =
                q.text.isEmpty
                ? "no customers yet (the fetcher fills this as it syncs)" : "no customer matches this search"
            grid.put(text, x: list.x, y: list.y, style: CellStyle(.muted), maxX: list.maxX)
            return
        }
        let withEmail = columns.count == 5
        for line in 0..<list.height {
            let index = s.customers.top + line
            guard index < s.customers.total, let row = s.customers.page.row(at: index) else { continue }
            var values: [(String, StyleRole)] = [(row.name, .text)]
            if withEmail { values.append((Formats.email(row.email, width: widths[1]), .muted)) }
            values += [
                (Formats.totals(row.mrr, width: widths[columns.count - 3]), row.mrr.isEmpty ? .muted : .money),
                (Formats.state(row.state, width: widths[columns.count - 2]), Formats.role(row.state)),
                (
                    Formats.totals(row.overdue, width: widths[columns.count - 1]),
                    row.overdue.isEmpty ? .muted : .danger
                ),
            ]
            Table.row(
                &grid, values, columns: columns, widths: widths, x: list.x, y: list.y + line, totalWidth: list.width,
                selected: index == s.customers.selected, focused: focused)
        }
    }
}
