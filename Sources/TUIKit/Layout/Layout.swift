/// Splitting rectangles: rows and columns by constraints, and the 2x2 pane grid.
public enum Layout {
    /// How much of an axis one part takes.
    public enum Size: Hashable, Sendable {
        /// Exactly n cells (less if there is not enough).
        case fixed(Int)
        /// A share of what the fixed parts leave, by weight.
        case weight(Int)
    }

    /// Splits `total` cells into parts; weights share the remainder, the last weighted part takes rounding.
    public static func sizes(_ parts: [Size], total: Int) -> [Int] {
        var remaining = max(0, total)
        var out = Array(repeating: 0, count: parts.count)
        for (i, part) in parts.enumerated() {
            if case .fixed(let n) = part {
                out[i] = min(max(0, n), remaining)
                remaining -= out[i]
            }
        }
        let weights = parts.map { part -> Int in if case .weight(let w) = part { return max(0, w) } else { return 0 } }
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return out }
        var given = 0
        var lastWeighted = -1
        for i in parts.indices where weights[i] > 0 {
            out[i] = remaining * weights[i] / sum
            given += out[i]
            lastWeighted = i
        }
        out[lastWeighted] += remaining - given
        return out
    }

    /// Rows of `rect` stacked top to bottom.
    public static func rows(_ rect: Rect, _ parts: [Size]) -> [Rect] {
        var y = rect.y
        return sizes(parts, total: rect.height).map { h in
            defer { y += h }
            return Rect(x: rect.x, y: y, width: rect.width, height: h)
        }
    }

    /// Columns of `rect` left to right.
    public static func columns(_ rect: Rect, _ parts: [Size]) -> [Rect] {
        var x = rect.x
        return sizes(parts, total: rect.width).map { w in
            defer { x += w }
            return Rect(x: x, y: rect.y, width: w, height: rect.height)
        }
    }

    /// Four panes: top-left, top-right, bottom-left, bottom-right (odd sizes give the extra cell to the right/bottom).
    public static func grid2x2(_ rect: Rect) -> [Rect] {
        let halves = rows(rect, [.weight(1), .weight(1)])
        return halves.flatMap { columns($0, [.weight(1), .weight(1)]) }
    }

    /// The screen with a header line, a body and a footer line.
    public static func screen(_ rect: Rect, header: Int = 1, footer: Int = 1) -> (
        header: Rect, body: Rect, footer: Rect
    ) {
        let parts = rows(rect, [.fixed(header), .weight(1), .fixed(footer)])
        // Fixed parts are served first, so on a tiny screen the body is what shrinks.
        return (parts[0], parts[1], parts[2])
    }
}
