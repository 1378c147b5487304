/// Horizontal placement of text in a cell range.
public enum Alignment: Hashable, Sendable {
    case left, right, center
}
