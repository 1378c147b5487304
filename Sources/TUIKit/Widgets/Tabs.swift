/// A row of tab titles (" 1 Customers  2 Invoices ..."), the selected one highlighted; clickable.
public struct Tabs: Hashable, Sendable {
    public var titles: [String]
    /// The highlighted tab; nil when none is (another screen covers the tabs' panes).
    public var selected: Int?

    public init(_ titles: [String], selected: Int?) {
        self.titles = titles
        self.selected = selected
    }

    /// The columns each tab occupies in `rect`: one cell in, then each title padded by a space on both
    /// sides, one cell between tabs.
    public func spans(in rect: Rect) -> [Range<Int>] {
        var start = rect.x + 1
        return titles.map { title in
            let width = DisplayWidth.of(title) + 2
            defer { start += width + 1 }
            return start..<(start + width)
        }
    }

    /// The tab under column `x` (a mouse click), if any; a tab cut by the right edge still counts.
    public func index(atX x: Int, in rect: Rect) -> Int? {
        spans(in: rect).firstIndex { $0.contains(x) }
    }

    public func render(into grid: inout CellGrid, in rect: Rect) {
        for (i, span) in spans(in: rect).enumerated() {
            let style = i == selected ? CellStyle(.selection, bold: true, reverse: true) : CellStyle(.muted)
            grid.put(" " + titles[i] + " ", x: span.lowerBound, y: rect.y, style: style, maxX: rect.maxX)
        }
    }
}
