/// Columns and rows of a terminal.
public struct TerminalSize: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public var description: String { "\(width)x\(height)" }
}

/// What the UI loop needs from a terminal. `CursesTerminal` implements it on ncurses; tests use
/// a fake (TUITestSupport). Use one terminal from one thread (curses is not thread-safe).
public protocol Terminal: AnyObject {
    /// The current size (updated when a `.resize` event is read).
    var size: TerminalSize { get }
    /// The colour level in use (after `NO_COLOR` and the terminal's abilities).
    var colorLevel: ColorLevel { get }
    /// Draws `grid`: writes only the cells that differ from the last frame and flushes once.
    /// `cursor` shows the hardware cursor there (a text input), nil hides it.
    func present(_ grid: CellGrid, cursor: (x: Int, y: Int)?)
    /// The next input event, waiting at most `timeoutMilliseconds` (0: poll, negative: wait forever).
    func readEvent(timeoutMilliseconds: Int) -> KeyEvent?
    /// Changes the theme; the next `present` repaints everything in the new colours.
    func setTheme(_ theme: Theme)
    /// Gives the terminal back to the shell (e.g. to run $PAGER); `resume` takes it again and repaints.
    func suspend()
    func resume()
    /// Restores the terminal for good. Safe to call twice.
    func teardown()
}
