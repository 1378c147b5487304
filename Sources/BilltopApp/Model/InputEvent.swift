/// Input from the terminal, already decoded, independent of the terminal library.
public enum InputEvent: Sendable, Equatable {
    case key(AppKey)
    case click(x: Int, y: Int)
    case wheel(up: Bool, x: Int, y: Int)
    case resize(width: Int, height: Int)
}
