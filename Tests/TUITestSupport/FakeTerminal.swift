import TUIKit

/// An in-memory `Terminal` for tests: scripted input events, every presented frame recorded.
public final class FakeTerminal: Terminal {
    public private(set) var size: TerminalSize
    public var colorLevel: ColorLevel
    /// Events `readEvent` returns, first first.
    public var pendingEvents: [KeyEvent]
    /// Every grid presented, oldest first.
    public private(set) var frames: [CellGrid] = []
    /// The diff runs each present would have written.
    public private(set) var writtenRuns: [[GridDiff.Run]] = []
    public private(set) var cursor: (x: Int, y: Int)?
    public private(set) var theme: Theme = .dark
    public private(set) var isSuspended = false
    public private(set) var isTornDown = false

    public init(width: Int, height: Int, colorLevel: ColorLevel = .truecolor, events: [KeyEvent] = []) {
        size = TerminalSize(width: width, height: height)
        self.colorLevel = colorLevel
        pendingEvents = events
    }

    /// The last presented frame.
    public var lastFrame: CellGrid? { frames.last }

    /// Changes the size and queues the `.resize` event a real terminal would send.
    public func resize(width: Int, height: Int) {
        size = TerminalSize(width: width, height: height)
        pendingEvents.append(.resize(width: width, height: height))
    }

    public func present(_ grid: CellGrid, cursor: (x: Int, y: Int)?) {
        writtenRuns.append(GridDiff.runs(from: frames.last, to: grid))
        frames.append(grid)
        self.cursor = cursor
    }

    public func readEvent(timeoutMilliseconds: Int) -> KeyEvent? {
        pendingEvents.isEmpty ? nil : pendingEvents.removeFirst()
    }

    public func setTheme(_ theme: Theme) {
        self.theme = theme
        frames.removeAll()
    }

    public func suspend() { isSuspended = true }
    public func resume() { isSuspended = false }
    public func teardown() { isTornDown = true }
}
