/// A one-row chart of an integer series with the eight block levels ▁▂▃▄▅▆▇█ (integer maths only).
public enum Sparkline {
    public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One block per value, scaled from the series minimum (▁) to its maximum (█), rounded down: only the
    /// maximum reaches a full block, so a reader can trust █ to mark the peak. A flat series is ▄ when
    /// positive (something, unchanged) and ▁ otherwise.
    public static func text(_ values: [Int64]) -> String {
        guard let low = values.min(), let high = values.max() else { return "" }
        guard high > low else { return String(repeating: high > 0 ? levels[3] : levels[0], count: values.count) }
        // (v - low) * 7 / (high - low) in 128 bits: amounts in minor units of any size cannot overflow.
        let span = UInt64(bitPattern: high &- low)
        return String(
            values.map { value -> Character in
                let offset = UInt64(bitPattern: value &- low)
                return levels[min(7, Int(span.dividingFullWidth(offset.multipliedFullWidth(by: 7)).quotient))]
            })
    }
}
