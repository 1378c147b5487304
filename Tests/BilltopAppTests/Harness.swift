import BillingCore
import BilltopApp
import TUIKit

/// A loop over the fixture on TUIKit's `FakeTerminal` at a pinned size and clock, first frame drawn.
struct Harness {
    let terminal: FakeTerminal
    let loop: DashboardLoop

    init(width: Int, height: Int, data: any DashboardData = Fixtures.data(), exportDirectory: String = "/tmp") throws {
        terminal = FakeTerminal(width: width, height: height)
        loop = DashboardLoop(data: data, terminal: terminal, clock: { Fixtures.now }, exportDirectory: exportDirectory)
        try loop.step()
    }

    /// Feeds keys and presents one frame.
    func press(_ keys: KeyEvent...) throws {
        for key in keys { loop.handle(key) }
        try loop.step()
    }

    func type(_ text: String) throws {
        for c in text { loop.handle(.char(c)) }
        try loop.step()
    }

    func send(_ input: KeyEvent) throws {
        loop.handle(input)
        try loop.step()
    }

    var frame: CellGrid { terminal.lastFrame ?? CellGrid(width: 0, height: 0) }
    var text: String { frame.text }
    var state: AppState { loop.state }
}
