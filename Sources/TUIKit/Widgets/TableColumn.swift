/// One column of a `Table`: title, width rule, alignment.
public struct TableColumn: Hashable, Sendable {
    /// How wide a column wants to be.
    public enum Width: Hashable, Sendable {
        /// Exactly this many columns: never shrinks or grows (dates, status, amounts).
        case hard(Int)
        /// Prefers this many; shrinks down to `minWidth` when space is short, grows by `grow` when it is spare.
        case soft(Int)
    }

    public var title: String
    public var width: Width
    /// The narrowest a soft column may become before columns on the right are hidden.
    public var minWidth: Int
    public var alignment: Alignment
    /// Share of spare width this column takes (0: none). Usually the name column has 1.
    public var grow: Int

    public init(_ title: String, _ width: Width, minWidth: Int = 3, alignment: Alignment = .left, grow: Int = 0) {
        self.title = title
        self.width = width
        self.minWidth = max(1, minWidth)
        self.alignment = alignment
        self.grow = max(0, grow)
    }

    var preferred: Int {
        switch width {
        case .hard(let n): return max(1, n)
        case .soft(let n): return max(minWidth, n)
        }
    }

    var minimum: Int {
        switch width {
        case .hard(let n): return max(1, n)
        case .soft: return minWidth
        }
    }

    var isSoft: Bool { if case .soft = width { return true } else { return false } }
}
