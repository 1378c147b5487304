/// A semantic colour role: panes say what a cell *is*, themes say how it looks.
public enum StyleRole: String, CaseIterable, Hashable, Sendable, Codable {
    case text, muted, header, title, border, borderFocused, selection, selectionUnfocused
    case ok, warn, danger, money, accent, input, footerKey, footer, status, placeholder
}
