import BillingCore
import BilltopApp
import TUIKit
import TUITestSupport

/// A loop over the fixture on a `FakeTerminal` at a pinned size and clock, first frame drawn. Every frame it
/// presents waits for the queries its keys started (`step(settle:)`), so a frame shows their answers.
struct Harness {
    let terminal: FakeTerminal
    let loop: DashboardLoop

    init(
        width: Int, height: Int, data: any DashboardData = Fixtures.data(), exportDirectory: String = "/tmp",
        start: StartPoint = .dashboard, actions: (any ActionPerforming)? = nil
    ) throws {
        terminal = FakeTerminal(width: width, height: height)
        loop = DashboardLoop(
            data: data, terminal: terminal, clock: { Fixtures.now }, exportDirectory: exportDirectory, start: start,
            actions: actions)
        try loop.step(settle: true)
    }

    /// Feeds keys and presents one frame.
    func press(_ keys: KeyEvent...) throws {
        for key in keys { loop.handle(key) }
        try loop.step(settle: true)
    }

    /// Feeds keys, waits (suspended) for the actions they sent to be answered, and presents one frame.
    func pressAndWait(_ keys: KeyEvent...) async throws {
        for key in keys { loop.handle(key) }
        await loop.settleActions()
        try loop.step(settle: true)
    }

    func type(_ text: String) throws {
        for c in text { loop.handle(.char(c)) }
        try loop.step(settle: true)
    }

    func send(_ input: KeyEvent) throws {
        loop.handle(input)
        try loop.step(settle: true)
    }

    var frame: CellGrid { terminal.lastFrame ?? CellGrid(width: 0, height: 0) }
    var text: String { frame.text }
    var state: AppState { loop.state }
}
