import BillingCore
import BilltopApp
import TUIKit

/// A terminal that records frames and replays scripted input.
final class FakeTerminal: DashboardTerminal {
    var size: (width: Int, height: Int)
    var inputs: [InputEvent] = []
    var frames: [CellGrid] = []

    init(width: Int, height: Int) { size = (width, height) }

    func present(_ grid: CellGrid) throws { frames.append(grid) }

    func nextInput(timeoutMilliseconds: Int) throws -> InputEvent? {
        inputs.isEmpty ? nil : inputs.removeFirst()
    }

    var lastFrame: CellGrid { frames.last ?? CellGrid(width: 0, height: 0) }
}

/// A loop over the fixture at a pinned size and clock, with the first frame already drawn.
struct Harness {
    let terminal: FakeTerminal
    let loop: DashboardLoop

    init(width: Int, height: Int, data: any DashboardData = Fixtures.data(), exportDirectory: String = "/tmp") throws {
        terminal = FakeTerminal(width: width, height: height)
        loop = DashboardLoop(data: data, terminal: terminal, clock: { Fixtures.now }, exportDirectory: exportDirectory)
        try loop.step()
    }

    /// Feeds keys (each a character or a named key) and presents one frame.
    func press(_ keys: AppKey...) throws {
        for key in keys { loop.handle(.key(key)) }
        try loop.step()
    }

    func type(_ text: String) throws {
        for c in text { loop.handle(.key(.char(c))) }
        try loop.step()
    }

    func send(_ input: InputEvent) throws {
        loop.handle(input)
        try loop.step()
    }

    var text: String { terminal.lastFrame.text }
    var state: AppState { loop.state }
}
