/// How one role looks: foreground, background and attributes.
public struct RoleStyle: Hashable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool
    public var italic: Bool

    public init(
        foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault, bold: Bool = false,
        underline: Bool = false, reverse: Bool = false, dim: Bool = false, italic: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
        self.italic = italic
    }

    public static let plain = RoleStyle()

    /// This style with the cell's own attributes added (a bold cell in a plain role is bold).
    public func adding(_ cell: CellStyle) -> RoleStyle {
        var out = self
        out.bold = out.bold || cell.bold
        out.underline = out.underline || cell.underline
        out.reverse = out.reverse != cell.reverse
        out.dim = out.dim || cell.dim
        return out
    }
}
