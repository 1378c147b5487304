/// A mouse report with zero-based cell coordinates (column `x`, row `y`).
public struct MouseEvent: Hashable, Sendable {
    /// What the mouse did.
    public enum Kind: Hashable, Sendable {
        /// A button went down (1 left, 2 middle, 3 right).
        case press(button: Int)
        /// A button came up (button 0 when the terminal does not say which).
        case release(button: Int)
        /// The wheel turned away from the user (scroll up).
        case wheelUp
        /// The wheel turned towards the user (scroll down).
        case wheelDown
    }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
