import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A detached tmux session on a private server socket, for driving a TUI in tests. Its waits sleep with
/// `Task.sleep`, not `Thread.sleep`: tmux tests run beside the in-process sandboxes of other tests, and a
/// blocked thread of the 2-core machine's Swift pool (two of them: everything) starved those.
public final class TmuxSession {
    public static let tmuxPath: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    public let socket = "billtop-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    public let name = "dash"

    /// `environment` adds to (or overrides) the defaults: a UTF-8 xterm, XDG directories and TMPDIR in `directory`.
    public init(command: String, directory: String, width: Int, height: Int, environment: [String: String] = [:]) throws
    {
        var variables = [
            "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "XDG_DATA_HOME": directory,
            "XDG_STATE_HOME": directory, "XDG_CONFIG_HOME": directory, "TMPDIR": directory,
        ]
        variables.merge(environment) { _, new in new }
        // Variables set to "" are removed (`env -u`), e.g. LC_ALL so that LANG decides.
        let unset = variables.filter { $0.value.isEmpty }.keys.sorted().map { "-u \($0)" }
        let env =
            (unset + variables.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
            .joined(separator: " ")
        // The first command forks the tmux server, which would hold a pipe open forever: no capture here.
        // remain-on-exit is set before the program starts: one that exits at once (TERM=dumb) stays readable.
        // So is the status line off: turning it off later grows the pane and can drop its first line.
        try run(
            captureOutput: false,
            [
                "-f", "/dev/null", "start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
                "set-option", "-g", "status", "off", ";", "new-session", "-d", "-s", name, "-x", "\(width)", "-y",
                "\(height)", "-c", directory, "env \(env) \(command)",
            ])
    }

    /// Runs tmux with posix_spawn and waitpid, output to a temporary file: Foundation's `Process` waits on
    /// descriptors the forked tmux server inherits, and would hang on the first command.
    @discardableResult
    public func run(captureOutput: Bool = true, _ arguments: [String]) throws -> String {
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-out-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        let quoted = (["-L", socket] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let target = captureOutput ? outPath : "/dev/null"
        let script = "exec \(Self.tmuxPath!) \(quoted.joined(separator: " ")) </dev/null >\(target) 2>&1"
        // The tmux server forked from here must see its children die: a signal mask or an ignored SIGCHLD
        // inherited from the test process would leave a dead pane without its exit status or signal.
        let status = try ChildSpawn.run(["/bin/sh", "-c", script], resetSignals: true)
        let text = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw TmuxError(message: "tmux \(arguments.joined(separator: " ")) failed (\(status)): \(text)")
        }
        return text
    }

    public func capture() throws -> String { try run(["capture-pane", "-p", "-t", name]) }

    /// The screen with the scrollback above it (output written while tmux sizes a new pane can scroll off).
    public func captureWithHistory() throws -> String { try run(["capture-pane", "-p", "-S", "-", "-t", name]) }

    public func send(_ key: String) throws { try run(["send-keys", "-t", name, key]) }

    public func sendLiteral(_ text: String) throws { try run(["send-keys", "-t", name, "-l", text]) }

    public func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen (every 100 ms, up to `seconds`) until `predicate` holds; fails with the last screen.
    public func waitFor(_ what: String, seconds: Double = 30, _ predicate: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if predicate(screen) { return screen }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TmuxError(message: "timed out waiting for \(what); the screen was:\n\(screen)")
    }

    /// Waits for the program to exit; returns its status and whether the pane was left on the alternate screen.
    public func waitForExit(seconds: Double = 15) async throws -> (status: Int, alternateScreen: Bool) {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let info = try run([
                "display-message", "-p", "-t", name, "#{pane_dead} #{pane_dead_status} #{alternate_on}",
            ])
            let parts = info.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
            if parts.first == "1" {
                return (Int(parts[1]) ?? -1, try await settledAlternateScreen(parts.count > 2 && parts[2] == "1"))
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TmuxError(message: "billtop did not exit within \(Int(seconds))s of q; the screen was:\n\(try capture())")
    }

    /// The process id of the program in the pane (`env` execs it).
    public func pid() throws -> pid_t {
        let text = try run(["display-message", "-p", "-t", name, "#{pane_pid}"]).trimmingCharacters(
            in: .whitespacesAndNewlines)
        guard let pid = pid_t(text) else { throw TmuxError(message: "no pane pid in \(text)") }
        return pid
    }

    /// Whether the pane's program has exited, with its status or the signal that ended it.
    public func exitState() throws -> (dead: Bool, status: Int?, signal: Int?, alternateScreen: Bool) {
        let info = try run([
            "display-message", "-p", "-t", name, "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}|#{alternate_on}",
        ])
        let parts = info.trimmingCharacters(in: .whitespacesAndNewlines).split(
            separator: "|", omittingEmptySubsequences: false
        ).map(String.init)
        guard parts.count == 4 else { throw TmuxError(message: "unexpected pane state \(info)") }
        return (parts[0] == "1", Int(parts[1]), Int(parts[2]), parts[3] == "1")
    }

    /// Waits until the pane's program has died (of a signal, or with a status). A pane that tmux marks dead
    /// but whose status it does not report within 3 s more is returned with neither (the caller's
    /// expectation then says so, instead of a timeout).
    public func waitForDeath(seconds: Double = 20) async throws -> (status: Int?, signal: Int?, alternateScreen: Bool) {
        let deadline = Date().addingTimeInterval(seconds)
        var deadSince: Date?
        var last = (dead: false, status: Int?.none, signal: Int?.none, alternateScreen: false)
        while Date() < deadline {
            last = try exitState()
            if last.dead, last.status != nil || last.signal != nil {
                return (last.status, last.signal, try await settledAlternateScreen(last.alternateScreen))
            }
            if last.dead {
                deadSince = deadSince ?? Date()
                if let since = deadSince, Date().timeIntervalSince(since) > 3 {
                    return (nil, nil, last.alternateScreen)
                }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let pid = (try? self.pid()).map(String.init) ?? "?"
        throw TmuxError(
            message:
                "the program (pid \(pid)) did not exit within \(Int(seconds))s (pane state \(last)); the screen was:\n\(try capture())"
        )
    }

    /// tmux can mark a pane dead before it has parsed the last bytes the program wrote (the sequence that
    /// leaves the alternate screen): give it up to a second to catch up.
    private func settledAlternateScreen(_ first: Bool) async throws -> Bool {
        var on = first
        for _ in 0..<10 where on {
            try await Task.sleep(for: .milliseconds(100))
            on = try exitState().alternateScreen
        }
        return on
    }

    /// The header says a sync finished ("synced 3s ago", not "not synced yet").
    public static func hasSynced(_ screen: String) -> Bool {
        guard let header = screen.split(separator: "\n").first else { return false }
        return header.contains("synced ") && !header.contains("not synced yet")
    }

    public func kill() { _ = try? run(["kill-server"]) }
}

/// A tmux step that failed, with the screen for context.
public struct TmuxError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(message: String) { self.message = message }
}
