/// Pure column-width allocation for `Table`.
public enum ColumnLayout {
    /// Widths for `columns` in `available` cells with `separator` cells between columns. A width of 0 means
    /// the column is hidden: when even the minimum widths do not fit, columns are dropped from the right
    /// (the first column always stays, cut to what is there).
    public static func widths(for columns: [TableColumn], available: Int, separator: Int = 1) -> [Int] {
        guard !columns.isEmpty, available > 0 else { return columns.map { _ in 0 } }
        var shown = columns.count
        func needed(_ count: Int, _ measure: (TableColumn) -> Int) -> Int {
            columns.prefix(count).reduce(0) { $0 + measure($1) } + separator * (count - 1)
        }
        while shown > 1, needed(shown, \.minimum) > available { shown -= 1 }
        var widths = columns.prefix(shown).map(\.preferred)
        if shown == 1 {
            widths[0] = min(widths[0], available)
            if widths[0] < available, columns[0].grow > 0 || columns.count == 1 { widths[0] = available }
            return widths + Array(repeating: 0, count: columns.count - 1)
        }
        var total = widths.reduce(0, +) + separator * (shown - 1)
        // Too wide: take from the widest soft column with slack, one cell at a time (deficits are small).
        while total > available {
            var pick = -1
            for i in 0..<shown where columns[i].isSoft && widths[i] > columns[i].minimum {
                if pick < 0 || widths[i] > widths[pick] { pick = i }
            }
            if pick < 0 { break }
            widths[pick] -= 1
            total -= 1
        }
        // Spare width: share it by the grow weights; the remainder goes to the first growers.
        let weights = (0..<shown).map { columns[$0].grow }
        let weightSum = weights.reduce(0, +)
        if total < available, weightSum > 0 {
            let spare = available - total
            var given = 0
            for i in 0..<shown where weights[i] > 0 {
                let share = spare * weights[i] / weightSum
                widths[i] += share
                given += share
            }
            var rest = spare - given
            for i in 0..<shown where weights[i] > 0 && rest > 0 {
                widths[i] += 1
                rest -= 1
            }
        }
        return widths + Array(repeating: 0, count: columns.count - shown)
    }
}
