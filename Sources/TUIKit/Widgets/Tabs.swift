/// A row of tab titles ("1 Customers  2 Invoices ..."), the selected one highlighted; clickable.
public struct Tabs: Hashable, Sendable {
    public var titles: [String]
    public var selected: Int
    /// Prefix each title with its number key (1-9), as the small-terminal layout does.
    public var numbered: Bool

    public init(_ titles: [String], selected: Int, numbered: Bool = true) {
        self.titles = titles
        self.selected = selected
        self.numbered = numbered
    }

    func label(_ index: Int) -> String {
        " " + (numbered && index < 9 ? "\(index + 1) " : "") + TextLayout.truncate(titles[index], to: 30) + " "
    }

    /// The column ranges each tab occupies when drawn from `x`.
    public func spans(from x: Int) -> [Range<Int>] {
        var start = x
        return titles.indices.map { i in
            let w = DisplayWidth.of(label(i))
            defer { start += w + 1 }
            return start..<(start + w)
        }
    }

    /// The tab under column `x` (mouse), if any.
    public func index(atX x: Int, in rect: Rect) -> Int? {
        spans(from: rect.x).firstIndex { $0.contains(x) && $0.upperBound <= rect.maxX }
    }

    public func render(into grid: inout CellGrid, in rect: Rect) {
        guard !rect.isEmpty else { return }
        grid.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1))
        for (i, span) in spans(from: rect.x).enumerated() where span.upperBound <= rect.maxX {
            let style = i == selected ? CellStyle(.selection, bold: true) : CellStyle(.muted)
            grid.put(label(i), x: span.lowerBound, y: rect.y, style: style, maxX: rect.maxX)
        }
    }
}
