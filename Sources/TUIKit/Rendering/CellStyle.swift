/// How a cell is drawn: a semantic role plus attributes that do not depend on colour.
public struct CellStyle: Hashable, Sendable {
    public var role: StyleRole
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    /// Faint text (e.g. a placeholder); themes may also dim a whole role.
    public var dim: Bool

    public init(
        _ role: StyleRole = .text, bold: Bool = false, underline: Bool = false, reverse: Bool = false, dim: Bool = false
    ) {
        self.role = role
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }

    /// A style of another role with these attributes.
    public func with(role: StyleRole) -> CellStyle {
        var copy = self
        copy.role = role
        return copy
    }

    public static let plain = CellStyle()
}
