/// A 12-month trend as block characters, from integers (no floating point).
public enum SparklineText {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public static func render(_ values: [Int64]) -> String {
        guard let low = values.min(), let high = values.max() else { return "" }
        let span = high - low
        return String(values.map { value -> Character in
            guard span > 0 else { return value > 0 ? blocks[3] : blocks[0] }
            let level = Int((value - low).multipliedFullWidth(by: 7).low / UInt64(span))
            return blocks[min(7, max(0, level))]
        })
    }

    /// Month-over-month change of the last two values as "+3.1% m/m", rounded half-up to tenths.
    public static func change(_ values: [Int64]) -> String? {
        guard values.count >= 2, let last = values.last else { return nil }
        let previous = values[values.count - 2]
        guard previous > 0 else { return nil }
        let tenths = ((last - previous) * 2000 / previous + ((last >= previous) ? 1 : -1)) / 2
        let sign = tenths >= 0 ? "+" : "-"
        let m = abs(tenths)
        return "\(sign)\(m / 10).\(m % 10)% m/m"
    }
}
