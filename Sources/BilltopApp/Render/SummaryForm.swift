/// One way of writing a part of a summary line (`Formats.labelledTotals`): its text, its width, how many amounts it
/// shows and what share of the part's currencies that is.
struct SummaryForm {
    let text: String
    let cells: Int
    let shown: Int
    let share: Double

    /// The most amounts shown; then the fairest, the part shown least having the largest share ("€17.6K · £17.2K ·
    /// ¥3.05M +1" beside "€3,015.98 · £2,201.00 +2" rather than "€17.6K +3" beside all four); then the fullest.
    static func better(_ one: [SummaryForm], than other: [SummaryForm]) -> Bool {
        func score(_ forms: [SummaryForm]) -> (Int, Double, Int) {
            (forms.reduce(0) { $0 + $1.shown }, forms.map(\.share).min() ?? 0, forms.reduce(0) { $0 + $1.cells })
        }
        return score(one) > score(other)
    }
}
