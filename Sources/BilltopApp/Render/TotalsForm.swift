import BillingCore
import TUIKit

/// One way of writing per-currency totals in less room: its text, its width, how many amounts it shows and what
/// share of the currencies that is. `Formats.totals(_:width:)` takes the widest form that fits a cell;
/// `Formats.labelledTotals` chooses one form per part of a summary line.
struct TotalsForm {
    let text: String
    let cells: Int
    let shown: Int
    let share: Double

    init(text: String, shown: Int, of count: Int) {
        self.text = text
        cells = DisplayWidth.of(text)
        self.shown = shown
        share = count == 0 ? 1 : Double(shown) / Double(count)
    }

    /// Widest first: every amount in full, every amount compact, then fewer compact amounts and how many are
    /// left out ("¥11.7K +1"); "—" alone when there is nothing.
    static func forms(of totals: MoneyTotals) -> [TotalsForm] {
        let amounts = totals.nonZeroAmounts
        guard !amounts.isEmpty else { return [TotalsForm(text: "—", shown: 0, of: 0)] }
        let full = amounts.map { MoneyFormatter.format($0) }.joined(separator: " · ")
        let compact = amounts.map { MoneyFormatter.compact($0) }
        return [TotalsForm(text: full, shown: amounts.count, of: amounts.count)]
            + stride(from: amounts.count, through: 1, by: -1).map { shown in
                let left = amounts.count - shown
                return TotalsForm(
                    text: compact.prefix(shown).joined(separator: " · ") + (left > 0 ? " +\(left)" : ""),
                    shown: shown, of: amounts.count)
            }
    }

    /// The most amounts shown; then the fairest, the part shown least having the largest share ("€17.6K · £17.2K ·
    /// ¥3.05M +1" beside "€3,015.98 · £2,201.00 +2" rather than "€17.6K +3" beside all four); then the fullest.
    static func better(_ one: [TotalsForm], than other: [TotalsForm]) -> Bool {
        func score(_ forms: [TotalsForm]) -> (Int, Double, Int) {
            (forms.reduce(0) { $0 + $1.shown }, forms.map(\.share).min() ?? 0, forms.reduce(0) { $0 + $1.cells })
        }
        return score(one) > score(other)
    }
}
