/// A scrollable list backed by a window of rows: which row is selected, which is at the top.
public struct ListState<Row: Sendable & Equatable>: Sendable, Equatable {
    public var page: RowWindow<Row> = .empty
    public var selected: Int = 0
    public var top: Int = 0
    /// Set once the first page arrived (until then the pane says "loading").
    public var loaded: Bool = false

    public init() {}

    public var total: Int { page.total }
    public var selectedRow: Row? { page.row(at: selected) }

    /// Moves the selection by `delta` rows, clamped, and scrolls so it stays in view of `capacity` rows.
    public mutating func move(by delta: Int, capacity: Int) {
        select(selected + delta, capacity: capacity)
    }

    /// Selects an absolute index (clamped) and scrolls it into view.
    public mutating func select(_ index: Int, capacity: Int) {
        selected = max(0, min(index, total - 1))
        clampTop(capacity: capacity)
    }

    /// Keeps `top` such that the selection is visible and no space is wasted below the last row.
    public mutating func clampTop(capacity: Int) {
        let cap = max(1, capacity)
        if selected < top { top = selected }
        if selected >= top + cap { top = selected - cap + 1 }
        top = max(0, min(top, max(0, total - cap)))
    }

    /// Whether the rows `top ..< top + capacity` are loaded.
    public func needsLoad(capacity: Int) -> Bool {
        !page.covers(top..<(top + max(1, capacity)))
    }

    /// Back to the first row (new query).
    public mutating func reset() {
        selected = 0
        top = 0
    }
}
