/// A table column: a title, a width rule and an alignment.
public struct TableColumn: Sendable, Equatable {
    public var title: String
    /// Columns always get this many cells (hard width)...
    public var width: Int
    /// ...and flexible ones share what is left by weight (soft width).
    public var flex: Int
    public var align: Alignment
    /// A flexible column grows no wider than this; what it would have taken goes to the other flexible ones.
    public var maxWidth: Int?

    public init(_ title: String, width: Int, flex: Int = 0, align: Alignment = .left, maxWidth: Int? = nil) {
        self.title = title
        self.width = width
        self.flex = flex
        self.align = align
        self.maxWidth = maxWidth
    }

    /// Widths for `columns` in `total` cells with one space between columns; columns that do not fit are 0.
    public static func widths(_ columns: [TableColumn], total: Int) -> [Int] {
        var widths = Array(repeating: 0, count: columns.count)
        var included = Array(repeating: false, count: columns.count)
        var used = 0
        // Hard widths first, left to right, dropping columns that no longer fit.
        for (i, column) in columns.enumerated() {
            let need = column.width + (used > 0 ? 1 : 0)
            if used + need <= total {
                widths[i] = column.width
                included[i] = true
                used += need
            }
        }
        let spare = total - used
        let flexible = columns.indices.filter { included[$0] && columns[$0].flex > 0 }
        let weights = flexible.map { columns[$0].flex }.reduce(0, +)
        guard spare > 0, weights > 0 else { return widths }
        var given = 0
        for (n, i) in flexible.enumerated() {
            let share = n == flexible.count - 1 ? spare - given : spare * columns[i].flex / weights
            widths[i] += share
            given += share
        }
        // Cells beyond a column's maxWidth go to the flexible columns without one, first come first served.
        var overflow = 0
        for i in flexible {
            if let cap = columns[i].maxWidth, widths[i] > max(cap, columns[i].width) {
                overflow += widths[i] - max(cap, columns[i].width)
                widths[i] = max(cap, columns[i].width)
            }
        }
        let uncapped = flexible.filter { columns[$0].maxWidth == nil }
        if overflow > 0, !uncapped.isEmpty {
            for (n, i) in uncapped.enumerated() {
                let share = n == uncapped.count - 1 ? overflow : overflow / uncapped.count
                widths[i] += share
                overflow -= share
            }
        } else if overflow > 0, let last = flexible.last {
            widths[last] += overflow  // every flexible column capped: the last one takes the rest
        }
        return widths
    }
}
