/// A one-row chart of an integer series with the eight block levels ▁▂▃▄▅▆▇█ (integer maths only).
public struct Sparkline: Hashable, Sendable {
    public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public var values: [Int64]
    /// Scale from zero (bars show magnitude) instead of from the series minimum (bars show change).
    public var fromZero: Bool

    public init(_ values: [Int64], fromZero: Bool = false) {
        self.values = values
        self.fromZero = fromZero
    }

    /// The chart for the last `width` values (older values drop off the left).
    public func text(width: Int) -> String {
        guard width > 0, !values.isEmpty else { return "" }
        let shown = values.suffix(width)
        var low = shown.min()!
        let high = shown.max()!
        if fromZero { low = min(0, low) }
        guard high > low else { return String(repeating: fromZero && high == 0 ? "▁" : "▄", count: shown.count) }
        // (v - low) * 7 / (high - low) in 128-bit so amounts in minor units cannot overflow.
        let span = UInt64(bitPattern: high &- low)
        return String(
            shown.map { value -> Character in
                let offset = UInt64(bitPattern: value &- low)
                let product = offset.multipliedFullWidth(by: 7)
                let (quotient, remainder) = span.dividingFullWidth(product)
                let level = Int(quotient) + (remainder >= span - remainder ? 1 : 0)  // half up, without doubling
                return Sparkline.levels[min(7, level)]
            })
    }

    /// Draws the chart right-aligned in the first row of `rect`.
    public func render(into grid: inout CellGrid, in rect: Rect, role: StyleRole = .accent) {
        guard !rect.isEmpty else { return }
        let chart = text(width: rect.width)
        grid.put(chart, x: rect.maxX - chart.count, y: rect.y, style: CellStyle(role), maxX: rect.maxX)
    }
}
