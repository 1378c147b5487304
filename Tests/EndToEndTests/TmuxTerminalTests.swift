import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 6, "the terminal": the real binary in tmux at 20x5 and 300x100, through a resize storm while the
/// demo syncs, and under TERM=dumb/vt100/linux, NO_COLOR and LANG=C: usable, or one clear line, never garbage.
@Suite(
    .serialized,
    .enabled(if: TmuxSession.tmuxPath != nil, "tmux is not installed: the terminal end-to-end tests need it"))
struct TmuxTerminalTests {
    static let binary = TmuxDashboardTests.binary

    func workDirectory() throws -> URL {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.binary), "build first: swift build (no \(Self.binary))")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("billtop-tmux-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        return work
    }

    @Test func tinyHugeAndAResizeStormWhileTheDemoSyncs() async throws {
        let work = try workDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        // 300 customers: the first sync is still running during the storm.
        let tmux = try TmuxSession(
            command: "\(Self.binary) --demo --demo-customers 300", directory: work.path, width: 20, height: 5)
        defer { tmux.kill() }

        var screen = try await tmux.waitFor("the too-small message at 20x5") {
            $0.contains("terminal too small") && $0.contains("(20x5), need 60x15")
        }
        #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 20 })

        try tmux.resize(width: 300, height: 100)
        screen = try await tmux.waitFor("the grid at 300x100") {
            $0.contains("Customers (") && $0.contains("Dunning (as of") && $0.contains("MRR (")
                && !$0.contains("too small")
        }
        #expect(Self.isWellFormedGrid(screen, width: 300, height: 100), "\(screen)")

        // 30 resizes in about 3 seconds, through every layout (too small, tabs, grid), while syncing.
        let sizes = [(80, 24), (120, 40), (20, 5), (200, 60), (61, 15), (300, 100), (59, 30), (100, 14)]
        let start = Date()
        for i in 0..<30 {
            try tmux.resize(width: sizes[i % sizes.count].0, height: sizes[i % sizes.count].1)
            try await Task.sleep(
                for: .seconds(max(0, start.addingTimeInterval(Double(i + 1) * 0.1).timeIntervalSinceNow)))
        }
        try tmux.resize(width: 120, height: 40)
        screen = try await tmux.waitFor("a correct 120x40 grid after the storm") {
            Self.isWellFormedGrid($0, width: 120, height: 40)
        }
        #expect(try tmux.exitState().dead == false, "billtop died in the resize storm")

        // Still responsive: a search answers.
        try tmux.send("/")
        try tmux.sendLiteral("zz")
        screen = try await tmux.waitFor("the search line", seconds: 10) { $0.contains("/ zz") }

        try tmux.send("Escape")
        try tmux.send("q")
        let dead = try await tmux.waitForExit()
        #expect(dead.status == 0)
        #expect(dead.alternateScreen == false)
    }

    @Test func termDumbIsOneClearLine() async throws {
        let work = try workDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        // The shell prints billtop's exit status after it; output written while tmux sizes the new pane can
        // scroll into the history, so the history is read too.
        let tmux = try TmuxSession(
            command: "sh -c '\(Self.binary) --demo --demo-customers 5; echo billtop-exit=$?'", directory: work.path,
            width: 120,
            height: 10, environment: ["TERM": "dumb"])
        defer { tmux.kill() }
        _ = try await tmux.waitFor("billtop to exit") { $0.contains("billtop-exit=") }
        let screen = try tmux.captureWithHistory()
        let lines = screen.split(separator: "\n").filter {
            !$0.allSatisfy(\.isWhitespace) && !$0.hasPrefix("Pane is dead")
        }
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.first?.hasPrefix("Error: TERM=dumb cannot draw the dashboard") == true)
        #expect(lines.last == "billtop-exit=64")  // ExitStatus.usage: run it in a terminal
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: work.path).filter { $0.hasPrefix("billtop-demo-") }
                .isEmpty)
    }

    /// Ctrl-C (SIGINT through the terminal) and SIGTERM: the terminal is restored, the process ends by the
    /// signal, and the demo's temporary store directory is gone.
    ///
    /// A wrapping shell writes billtop's exit status to a file: tmux sometimes marks a pane dead without
    /// ever reporting how its process ended, which made this test flaky when it read the status from tmux.
    @Test(arguments: ["C-c", "SIGTERM"])
    func signalsRestoreTheTerminalAndRemoveTheDemoStore(how: String) async throws {
        let work = try workDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let statusFile = work.appendingPathComponent("exit-status")
        // The shell ignores SIGINT so that Ctrl-C (sent to the whole foreground group) only reaches billtop,
        // which installs its own handler; `$?` is 128 + the signal when billtop dies by it.
        let command = "sh -c 'trap \"\" INT; \"$0\" --demo --demo-customers 20; echo $? > exit-status' \(Self.binary)"
        let tmux = try TmuxSession(command: command, directory: work.path, width: 120, height: 40)
        defer { tmux.kill() }
        _ = try await tmux.waitFor("data", seconds: 60) { $0.contains("Customers (20)") && TmuxSession.hasSynced($0) }
        let shell = try tmux.pid()
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        let pid = try #require(
            children.split(separator: " ").compactMap { pid_t($0) }.first, "no billtop under the shell \(shell)")
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("billtop-demo-\(pid)").path))
        if how == "C-c" { try tmux.send("C-c") } else { kill(pid, SIGTERM) }
        let dead = try await tmux.waitForDeath()
        #expect(dead.alternateScreen == false)
        let status = (try? String(contentsOf: statusFile, encoding: .utf8))?.trimmingCharacters(
            in: .whitespacesAndNewlines)
        let signal = how == "C-c" ? SIGINT : SIGTERM
        #expect(
            status == "\(128 + signal)", "billtop should end by signal \(signal); the shell saw \(status ?? "nothing")")
        let left = try FileManager.default.contentsOfDirectory(atPath: work.path).filter {
            $0.hasPrefix("billtop-demo-")
        }
        #expect(left.isEmpty, "left behind: \(left)")
    }

    /// vt100 has no colours and no alternate screen, linux has 8 colours; NO_COLOR drops colour; LANG=C has no
    /// UTF-8, so everything drawn must be ASCII.
    @Test(arguments: [
        ["TERM": "vt100", "LANG": "C", "LC_ALL": ""],
        ["TERM": "linux", "NO_COLOR": "1"],
    ])
    func plainTerminalsAreUsable(environment: [String: String]) async throws {
        let work = try workDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let tmux = try TmuxSession(
            command: "\(Self.binary) --demo --demo-customers 20", directory: work.path, width: 80, height: 24,
            environment: environment)
        defer { tmux.kill() }
        var screen = try await tmux.waitFor("the customers tab", seconds: 60) {
            $0.contains("Customers (20)") && TmuxSession.hasSynced($0)
        }
        #expect(!screen.contains("\u{FFFD}"))
        if environment["LANG"] == "C" {
            let ascii = screen.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(ascii, "non-ASCII drawn under LANG=C:\n\(screen)")
        }
        try tmux.send("2")
        screen = try await tmux.waitFor("the invoices tab") { $0.contains("f status:") }
        try tmux.send("q")
        let dead = try await tmux.waitForExit()
        #expect(dead.status == 0)
    }

    /// The header on the first line, pane borders closed at the right edge, the footer on the last line.
    static func isWellFormedGrid(_ screen: String, width: Int, height: Int) -> Bool {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= height, lines[0].hasPrefix(" billtop "), lines[height - 1].contains("q quit") else {
            return false
        }
        guard lines[1].hasPrefix("┌─ Customers"), lines[1].hasSuffix("┐") else { return false }
        // Every pane row starts and ends with a border: nothing was left over from another size.
        return lines[2..<(height - 1)].allSatisfy {
            ($0.hasPrefix("│") || $0.hasPrefix("└") || $0.hasPrefix("┌"))
                && ($0.hasSuffix("│") || $0.hasSuffix("┘") || $0.hasSuffix("┐"))
        }
    }
}
