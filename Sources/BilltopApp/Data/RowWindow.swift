/// A window of rows from a longer, already filtered and sorted list.
public struct RowWindow<Row: Sendable & Equatable>: Sendable, Equatable {
    /// Index of `rows[0]` in the whole list.
    public var offset: Int
    public var rows: [Row]
    /// How many rows the whole list has.
    public var total: Int
    /// True when the list was cut at `total` rows and more match (a broad search): show "total+".
    public var isCapped: Bool

    public init(offset: Int, rows: [Row], total: Int, isCapped: Bool = false) {
        self.offset = offset
        self.rows = rows
        self.total = total
        self.isCapped = isCapped
    }

    public static var empty: RowWindow { RowWindow(offset: 0, rows: [], total: 0) }

    /// The row at an absolute index, if it is in this window.
    public func row(at index: Int) -> Row? {
        let local = index - offset
        return local >= 0 && local < rows.count ? rows[local] : nil
    }

    /// Whether every index in `range` is in this window (or past the end of the list).
    public func covers(_ range: Range<Int>) -> Bool {
        let end = min(range.upperBound, total)
        return range.lowerBound >= offset && end <= offset + rows.count
    }
}
