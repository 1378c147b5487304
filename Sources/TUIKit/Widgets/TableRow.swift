/// One cell of a table row: text (sanitised when drawn) and an optional role (e.g. `.money`, `.danger`).
public struct TableCell: Hashable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    public var role: StyleRole?
    public var bold: Bool

    public init(_ text: String, role: StyleRole? = nil, bold: Bool = false) {
        self.text = text
        self.role = role
        self.bold = bold
    }

    public init(stringLiteral value: String) { self.init(value) }
}

/// One row of a table; `role` colours the whole row unless a cell has its own.
public struct TableRow: Hashable, Sendable {
    public var cells: [TableCell]
    public var role: StyleRole?

    public init(_ cells: [TableCell], role: StyleRole? = nil) {
        self.cells = cells
        self.role = role
    }

    /// A row of plain strings.
    public init(texts: [String], role: StyleRole? = nil) {
        self.init(texts.map { TableCell($0) }, role: role)
    }
}
