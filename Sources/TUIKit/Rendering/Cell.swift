/// One terminal cell: a grapheme (or empty for the right half of a wide character) and its style.
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn here; "" marks the continuation of a wide grapheme to the left.
    public var grapheme: String
    public var style: CellStyle

    public init(_ grapheme: String = " ", style: CellStyle = .plain) {
        self.grapheme = grapheme
        self.style = style
    }

    public static let blank = Cell()

    /// True for the right half of a double-width grapheme.
    public var isContinuation: Bool { grapheme.isEmpty }
}
