import TUIKit

/// What the UI loop needs from a terminal. `CursesTerminal` is adapted to it in the executable; tests fake it.
public protocol DashboardTerminal: AnyObject {
    /// Current size in cells.
    var size: (width: Int, height: Int) { get }
    /// Shows a frame, writing only what changed since the last one.
    func present(_ grid: CellGrid) throws
    /// The next input, waiting at most `timeoutMilliseconds` (0: do not wait); nil when none came.
    func nextInput(timeoutMilliseconds: Int) throws -> InputEvent?
}
