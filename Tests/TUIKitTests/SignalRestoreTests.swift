import CursesTerminal
import Foundation
import TUIKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The terminal is restored when the process is killed or stopped. The test binary re-runs itself as the
/// child (selected by BILLTOP_SIGNAL_CHILD), on a pseudo-terminal, and the parent reads what reached it.
@Suite(.serialized) struct SignalRestoreTests {
    static let leaveAlternateScreen = Array("\u{1B}[?1049l".utf8)
    static let enterAlternateScreen = Array("\u{1B}[?1049h".utf8)

    /// The child side: does nothing unless started by the parent test below.
    @Test func signalChild() throws {
        guard let mode = ProcessInfo.processInfo.environment["BILLTOP_SIGNAL_CHILD"] else { return }
        let terminal = try CursesTerminal(environment: ["TERM": "xterm-256color"])
        var grid = CellGrid(width: terminal.size.width, height: terminal.size.height)
        grid.put("child running", x: 0, y: 0)
        terminal.present(grid, cursor: nil)
        switch mode {
        case "LANGC":
            grid.put("株式会社 Zoë", x: 0, y: 2)
            Box(title: "Customers", focused: true).render(into: &grid, in: Rect(x: 0, y: 3, width: 20, height: 3))
            grid.put(Sparkline.text([1, 5, 9]) + "…", x: 0, y: 6)
            terminal.present(grid, cursor: nil)
            terminal.teardown()
            exit(terminal.unicode ? 3 : 0)
        case "TERM": kill(getpid(), SIGTERM)
        case "INT": kill(getpid(), SIGINT)
        default:
            kill(getpid(), SIGTSTP)  // stops here until the parent sends SIGCONT
            var event: KeyEvent?
            for _ in 0..<100 where event == nil { event = terminal.readEvent(timeoutMilliseconds: 20) }
            grid.put("resumed \(event.map { "\($0)" } ?? "nil")", x: 0, y: 1)
            terminal.present(grid, cursor: nil)
            terminal.teardown()
            exit(0)
        }
        sleep(5)  // not reached when the signal does its job
    }

    func runChild(
        _ mode: String, extraEnvironment: [String: String] = [:],
        whileRunning: (PseudoTerminal, Process) -> Void = { _, _ in }
    ) throws
        -> (output: [UInt8], process: Process)
    {
        let pty = try #require(PseudoTerminal(width: 80, height: 24))
        defer { pty.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["--testing-library", "swift-testing", "--filter", "signalChild"]
        var environment = ProcessInfo.processInfo.environment
        environment["BILLTOP_SIGNAL_CHILD"] = mode
        environment["TERM"] = "xterm-256color"
        environment.merge(extraEnvironment) { $1 }
        process.environment = environment
        let slave = FileHandle(fileDescriptor: pty.slave, closeOnDealloc: false)
        process.standardInput = slave
        process.standardOutput = slave
        process.standardError = FileHandle.nullDevice
        try process.run()
        whileRunning(pty, process)
        process.waitUntilExit()
        return (pty.takeOutput(), process)
    }

    func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }

    @Test(arguments: [("TERM", SIGTERM), ("INT", SIGINT)])
    func fatalSignalsRestoreTheTerminalAndStillKill(mode: String, signal: Int32) throws {
        let (output, process) = try runChild(mode)
        #expect(contains(output, Array("child running".utf8)))
        #expect(contains(output, Self.leaveAlternateScreen), "the alternate screen was not left")
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == signal)
    }

    @Test func stopAndContinueRestoresThenRepaints() throws {
        let (output, process) = try runChild("TSTP") { pty, process in
            // Bounded wait for the child to stop (it leaves the alternate screen first), then continue it.
            var seen: [UInt8] = []
            for _ in 0..<50 where !contains(seen, Self.leaveAlternateScreen) {
                seen += pty.takeOutput(quietMilliseconds: 100)
            }
            #expect(contains(seen, Self.leaveAlternateScreen), "SIGTSTP did not restore the terminal")
            kill(process.processIdentifier, SIGCONT)
        }
        let text = String(decoding: output, as: UTF8.self)
        #expect(text.contains("resumed resize(width: 80, height: 24)"))
        #expect(contains(output, Self.enterAlternateScreen), "the alternate screen was not re-entered")
        #expect(contains(output, Self.leaveAlternateScreen))
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
    }

    @Test func langCDrawsAsciiNeverMojibake() throws {
        let (output, process) = try runChild("LANGC", extraEnvironment: ["LANG": "C", "LC_ALL": "C"])
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "exit 3: the locale was UTF-8")
        #expect(output.allSatisfy { $0 < 0x80 }, "a non-ASCII byte reached a LANG=C terminal")
        let text = String(decoding: output, as: UTF8.self)
        // ncurses may compress the eight '?' of 株式会社 into "?" + REP (ESC [ 7 b).
        #expect(text.contains("???????? Zo?") || text.contains("?\u{1B}[7b Zo?"))
        #expect(text.contains(" Customers ") && text.contains("+"))
        #expect(text.contains("_-#~"))
    }
}
