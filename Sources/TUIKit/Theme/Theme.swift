/// A named mapping from every `StyleRole` to how it looks. Built-in themes ship compiled in; users add
/// their own TOML files (see `ThemeLoader`).
public struct Theme: Hashable, Sendable {
    public var name: String
    /// One style per role; a role missing from a file falls back to `text`, then to plain.
    public var styles: [StyleRole: RoleStyle]

    public init(name: String, styles: [StyleRole: RoleStyle]) {
        self.name = name
        self.styles = styles
    }

    /// How `role` looks in this theme.
    public func style(for role: StyleRole) -> RoleStyle {
        styles[role] ?? styles[.text] ?? .plain
    }

    /// How a cell looks: its role's style plus the cell's own attributes.
    public func resolve(_ cell: CellStyle) -> RoleStyle {
        style(for: cell.role).adding(cell)
    }

    /// This theme as the terminal can show it at `level` (pure; see `ColorDegrader`).
    public func degraded(to level: ColorLevel) -> Theme {
        var out = self
        for role in StyleRole.allCases {
            out.styles[role] = ColorDegrader.degrade(style(for: role), role: role, to: level)
        }
        return out
    }

    /// The built-in dark theme (the default).
    public static let dark: Theme = BuiltinThemes.theme(named: "dark") ?? Theme(name: "dark", styles: [:])
}
