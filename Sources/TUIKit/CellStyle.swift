/// How a cell is drawn: a semantic role plus attributes that do not depend on colour.
public struct CellStyle: Hashable, Sendable {
    public var role: StyleRole
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(_ role: StyleRole = .text, bold: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.role = role
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
    }

    public static let plain = CellStyle()
}
