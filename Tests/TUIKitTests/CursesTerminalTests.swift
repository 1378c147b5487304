import CNCurses
import Foundation
import TUIKit
import Testing

@testable import CursesTerminal

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the real ncurses driver on a pseudo-terminal and checks the bytes it writes.
/// Serialized: curses has one global screen per process.
@Suite(.serialized) struct CursesTerminalTests {
    static let environment = ["TERM": "xterm-256color"]

    func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return true }
        }
        return false
    }

    @Test func noEscapeSequenceFromDataReachesTheTerminal() throws {
        let pty = try #require(PseudoTerminal(width: 80, height: 24))
        defer { pty.close() }
        let terminal = try CursesTerminal(environment: Self.environment, input: pty.slave, output: pty.slave)
        #expect(terminal.size == TerminalSize(width: 80, height: 24))
        _ = pty.takeOutput()
        let hostile = [
            "Evil\u{1B}]0;PWNED\u{07}Title", "Csi\u{1B}[6nXQ", "C1\u{9B}6nZZ", "Cr\rForged\nRow", "Back\u{08}\u{08}sp",
            "Nul\u{0}x", "Bidi\u{202E}desrever", "Dcs\u{1B}P+q544e\u{1B}\\",
        ]
        var grid = CellGrid(width: 80, height: 24)
        TableDrawing.draw(
            [TableColumn("Name", width: 60, flex: 1)], count: hostile.count, selected: 0, into: &grid, in: grid.bounds
        ) { [(hostile[$0], .text)] }
        terminal.present(grid, cursor: nil)
        let bytes = pty.takeOutput()
        terminal.teardown()
        let exit = pty.takeOutput()
        #expect(!bytes.isEmpty)
        for payload in ["]0;PWNED", "[6nXQ", "P+q544e"] {
            #expect(!contains(bytes, [0x1B] + Array(payload.utf8)), "ESC \(payload) reached the terminal")
        }
        let decoded = String(decoding: bytes, as: UTF8.self)
        #expect(
            !decoded.unicodeScalars.contains { (0x80...0x9F).contains($0.value) }, "a C1 control reached the terminal")
        #expect(!decoded.unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{0}" || $0 == "\u{8}" })
        #expect(decoded.contains("Evil␛]0;PWNED␇Title"))
        #expect(decoded.contains("Cr␍Forged␊Row"))
        // The alternate screen was entered and left again.
        #expect(contains(exit, Array("\u{1B}[?1049l".utf8)))
    }

    @Test func movingTheSelectionOneRowOn200x50WritesUnder1KB() throws {
        let pty = try #require(PseudoTerminal(width: 200, height: 50))
        defer { pty.close() }
        let terminal = try CursesTerminal(environment: Self.environment, input: pty.slave, output: pty.slave)
        defer { terminal.teardown() }
        #expect(terminal.size == TerminalSize(width: 200, height: 50))
        func frame(_ selected: Int) -> CellGrid {
            var grid = CellGrid(width: 200, height: 50)
            let columns = [
                TableColumn("Name", width: 40, flex: 1), TableColumn("Email", width: 40),
                TableColumn("State", width: 10),
                TableColumn("MRR", width: 14, align: .right),
            ]
            let inner = Box(title: "Customers", focused: true).render(into: &grid, in: grid.bounds)
            TableDrawing.draw(columns, count: 100_000, selected: selected, into: &grid, in: inner) { i in
                [
                    ("Customer 株式会社 \(i)", .text), ("billing\(i)@example.com", .text), ("active", .text),
                    ("$\(i * 7).00", .money),
                ]
            }
            return grid
        }
        terminal.present(frame(10), cursor: nil)
        let first = pty.takeOutput()
        terminal.present(frame(11), cursor: nil)
        let move = pty.takeOutput()
        print("curses bytes: first frame 200x50 = \(first.count), one-row selection move = \(move.count)")
        #expect(first.count > 5_000)
        #expect(move.count > 0)
        #expect(move.count < 1024)
    }

    @Test func keysAndResizeArriveAsEvents() throws {
        let pty = try #require(PseudoTerminal(width: 80, height: 24))
        defer { pty.close() }
        let terminal = try CursesTerminal(environment: Self.environment, input: pty.slave, output: pty.slave)
        defer { terminal.teardown() }
        // keypad mode (smkx) makes xterm send ESC O A for up; ESC [ 1 ; 5 A (ctrl-up) is unknown to terminfo.
        pty.type(
            Array("q".utf8) + [0x01] + Array("\u{1B}OA".utf8) + Array("\u{1B}[1;5A".utf8) + Array("株".utf8) + [0x0D])
        var events: [KeyEvent] = []
        for _ in 0..<30 where events.count < 5 {
            if let event = terminal.readEvent(timeoutMilliseconds: 100) { events.append(event) }
        }
        #expect(events == [.char("q"), .ctrl("a"), .up, .char("株"), .enter])
        pty.type(Array("\u{1B}".utf8))
        var escape: KeyEvent?
        for _ in 0..<10 where escape == nil { escape = terminal.readEvent(timeoutMilliseconds: 100) }
        #expect(escape == .escape)
        #expect(terminal.readEvent(timeoutMilliseconds: 0) == nil)
    }

    @Test func mouseReportsAndResizeArrive() throws {
        let pty = try #require(PseudoTerminal(width: 80, height: 24))
        defer { pty.close() }
        let terminal = try CursesTerminal(environment: Self.environment, input: pty.slave, output: pty.slave)
        defer { terminal.teardown() }
        // SGR (1006) reports, as xterm sends them: press, release, wheel up, wheel down; 1-based positions.
        var events: [KeyEvent] = []
        for report in ["\u{1B}[<0;10;5M", "\u{1B}[<0;10;5m", "\u{1B}[<2;10;5M", "\u{1B}[<64;3;4M"] {
            pty.type(Array(report.utf8))
            // One report at a time, as a hand makes them (ncurses keeps only the latest of a burst).
            for _ in 0..<10 where events.count < 4 {
                if let event = terminal.readEvent(timeoutMilliseconds: 50) { events.append(event); break }
            }
        }
        #expect(
            events == [
                .mouse(MouseEvent(.press(button: 1), x: 9, y: 4)), .mouse(MouseEvent(.release(button: 1), x: 9, y: 4)),
                .mouse(MouseEvent(.press(button: 3), x: 9, y: 4)), .mouse(MouseEvent(.wheelUp, x: 2, y: 3)),
            ])
        var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(pty.slave, UInt(TIOCSWINSZ), &size)
        // From another thread, as in an app full of threads: the UI thread must still notice.
        let signaller = Thread { kill(getpid(), SIGWINCH) }
        signaller.start()
        var resize: KeyEvent?
        for _ in 0..<20 where resize == nil { resize = terminal.readEvent(timeoutMilliseconds: 50) }
        #expect(resize == .resize(width: 100, height: 30))
        #expect(terminal.size == TerminalSize(width: 100, height: 30))
        #expect(terminal.readEvent(timeoutMilliseconds: 20) == nil, "one resize, reported once")
    }

    @Test func suspendGivesTheTerminalBackAndResumeRepaints() throws {
        let pty = try #require(PseudoTerminal(width: 80, height: 24))
        defer { pty.close() }
        let terminal = try CursesTerminal(environment: Self.environment, input: pty.slave, output: pty.slave)
        defer { terminal.teardown() }
        var grid = CellGrid(width: 80, height: 24)
        grid.put("before pager", x: 0, y: 0)
        terminal.present(grid, cursor: nil)
        _ = pty.takeOutput()
        terminal.suspend()
        #expect(contains(pty.takeOutput(), Array("\u{1B}[?1049l".utf8)))
        terminal.present(grid, cursor: nil)  // ignored while suspended
        #expect(pty.takeOutput().isEmpty)
        terminal.resume()
        let back = pty.takeOutput()
        #expect(contains(back, Array("\u{1B}[?1049h".utf8)))
        #expect(String(decoding: back, as: UTF8.self).contains("before pager"), "resume repaints the last screen")
    }

    @Test func aPipeWithAGivenSizeWorksForBenchmarks() throws {
        var output: [Int32] = [0, 0]
        var input: [Int32] = [0, 0]
        #expect(pipe(&output) == 0 && pipe(&input) == 0)
        defer { for fd in output + input { close(fd) } }
        let terminal = try CursesTerminal(
            environment: Self.environment, input: input[0], output: output[1],
            size: TerminalSize(width: 200, height: 50))
        #expect(terminal.size == TerminalSize(width: 200, height: 50))
        var grid = CellGrid(width: 200, height: 50)
        grid.put("on a pipe", x: 0, y: 49)
        terminal.present(grid, cursor: nil)
        terminal.teardown()
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = read(output[0], &buffer, buffer.count)
        #expect(n > 0 && String(decoding: buffer[0..<n], as: UTF8.self).contains("on a pipe"))
    }

    @Test func linuxConsoleGetsSixteenColours() throws {
        let pty = try #require(PseudoTerminal(width: 80, height: 24))
        defer { pty.close() }
        let terminal = try CursesTerminal(environment: ["TERM": "linux"], input: pty.slave, output: pty.slave)
        defer { terminal.teardown() }
        #expect(terminal.colorLevel == .ansi16)
    }

    @Test(arguments: ["dumb", "", "no-such-terminal-xyz"])
    func unusableTerminalsGiveOneLineErrors(term: String) throws {
        let pty = try #require(PseudoTerminal(width: 80, height: 24))
        defer { pty.close() }
        do {
            let terminal = try CursesTerminal(environment: ["TERM": term], input: pty.slave, output: pty.slave)
            terminal.teardown()
            Issue.record("TERM=\(term) should not open")
        } catch {
            #expect(!error.description.contains("\n"))
            #expect(error.description.contains("TERM"))
        }
    }

    @Test func noColorAndVt100AreMonochrome() throws {
        let pty = try #require(PseudoTerminal(width: 80, height: 24))
        defer { pty.close() }
        for env in [["TERM": "xterm-256color", "NO_COLOR": "1"], ["TERM": "vt100"]] {
            let terminal = try CursesTerminal(environment: env, input: pty.slave, output: pty.slave)
            #expect(terminal.colorLevel == .monochrome)
            var grid = CellGrid(width: 80, height: 24)
            Box(title: "株式会社", focused: true).render(into: &grid, in: grid.bounds)
            terminal.present(grid, cursor: (x: 1, y: 1))
            let bytes = pty.takeOutput()
            terminal.teardown()
            _ = pty.takeOutput()
            // No colour SGR (30-37/38;5 foreground) may appear when colour is off.
            #expect(!contains(bytes, Array("\u{1B}[3".utf8)) || !contains(bytes, Array("\u{1B}[38;5;".utf8)))
            #expect(!bytes.isEmpty)
        }
    }

    /// TUIKit's widths and the C library's must agree, or curses' cursor and ours drift (the rest is drawn
    /// with the ASCII fallback). Run here because the suite is serialized and setlocale is process-wide.
    @Test func displayWidthAgreesWithTheCLibrary() throws {
        try #require(setlocale(LC_ALL, "C.UTF-8") != nil, "the C.UTF-8 locale is missing")
        defer { setlocale(LC_ALL, "") }
        var compared = 0
        var disagreements: [String] = []
        for value in UInt32(0xA0)..<UInt32(0x20000) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let theirs = Int(billtop_wcwidth(value))
            if theirs < 0 { continue }
            compared += 1
            if DisplayWidth.of(Character(scalar)) != theirs { disagreements.append(String(value, radix: 16)) }
        }
        #expect(compared > 80_000, "the locale gave widths for too few characters")
        // Known and accepted: prepended concatenation marks and the soft hyphen (we say 0, glibc 1) and
        // single regional indicators (we say 2: in pairs they are a flag).
        #expect(disagreements.count <= 45, "\(disagreements.prefix(40))")
    }

    @Test func glyphsCursesWouldMismeasureFallBackToAscii() {
        let widths = GlyphWidths()
        #expect(widths.drawable("a", width: 1, unicode: false) == [97, 0])
        #expect(widths.drawable("株", width: 2, unicode: false) == nil)
        #expect(widths.drawable("─", width: 1, unicode: false) == nil)
    }
}
