import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real dashboard (plain `billtop` on a config file) while its background sync is in trouble: a host
/// that refuses connections is named in the header within seconds, while the retries go on; a sandbox
/// that trickles every body a byte a second leaves the sync stuck, and keys are still answered.
///
/// Part of `TmuxConfiguredSyncTests` (serialized), not a suite of its own: these tests block their thread
/// while polling tmux, and another tmux suite in parallel would hold a second thread of the 2-core machine's
/// Swift pool, starving the in-process sandboxes of the other tests.
extension TmuxConfiguredSyncTests {
    /// A config with one Chargify source at `url` (its key from ACME_KEY), synced once an hour, then `extra`.
    static func config(in work: URL, url: String, extra: String = "") throws -> URL {
        let config = work.appendingPathComponent("config.toml")
        try """
        [[source]]
        name = "acme"
        kind = "chargify"
        url = "\(url)"
        key_env = "ACME_KEY"
        interval = 3600

        \(extra)
        """.write(to: config, atomically: true, encoding: .utf8)
        return config
    }

    static func workDirectory() throws -> URL {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("billtop-tmux-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        return work
    }

    /// A loopback port nothing listens on: bound, then closed.
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        try #require(bound, "cannot bind a loopback port")
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Nothing listens at the source's port: within a few seconds (not after the retries give up, about a
    /// minute) the header says why and that it is retrying, at 80 columns, and keys still work.
    @Test func anUnreachableHostIsNamedInTheHeaderWithinSeconds() async throws {
        let binary = TmuxDashboardTests.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build first: swift build (no \(binary))")
        let work = try Self.workDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let config = try Self.config(in: work, url: "http://127.0.0.1:\(try Self.closedPort())")
        let store = work.appendingPathComponent("store.sqlite").path
        let tmux = try TmuxSession(
            command: "\(binary) --db \(store)", directory: work.path, width: 80, height: 24,
            environment: ["BILLTOP_CONFIG": config.path, "ACME_KEY": "sandbox"])
        defer { tmux.kill() }
        // The first retry is half a second after the first refusal; 15 s bounds a loaded machine.
        let screen = try await tmux.waitFor("the refused connection in the header", seconds: 15) { screen in
            let header = screen.split(separator: "\n").first.map(String.init) ?? ""
            return header.contains("retrying in") && header.contains("connection refused")
        }
        let header = String(screen.split(separator: "\n").first ?? "")
        #expect(!screen.contains("failed:"), "the retries have not given up yet: \(header)")
        // Wider, the header also says which attempt failed, and later ones follow while the retries go on.
        try tmux.resize(width: 160, height: 30)
        _ = try await tmux.waitFor("a later attempt named", seconds: 15) { screen in
            let header = Self.header(screen)
            return header.contains("connection refused") && (2...8).contains { header.contains("attempt \($0) of 8") }
        }
        try tmux.send("q")
        #expect(try await tmux.waitForExit().status == 0)
    }

    /// `billtop sandbox serve --trickle 1 --trickle-delay 1000`: every body arrives a byte a second, so the
    /// first sync is stuck in its first requests for far longer than the test (the request timeout is
    /// 110 s). Meanwhile Tab moves the focus, `?` opens the help and Escape closes it, each redrawn within a
    /// bounded poll, and the header still says it is syncing.
    @Test func keysAreAnsweredWhileTheSyncIsStuckOnATricklingServer() async throws {
        let binary = TmuxDashboardTests.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build first: swift build (no \(binary))")
        let work = try Self.workDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let sandbox = try TmuxSession(
            command: "\(binary) sandbox serve --port 0 --customers 40 --seed 11 --trickle 1 --trickle-delay 1000",
            directory: work.path, width: 120, height: 10)
        defer { sandbox.kill() }
        let banner = try await sandbox.waitFor("the sandbox's base URL") {
            $0.contains("base URL:") && $0.contains("http://127.0.0.1:")
        }
        let url = try #require(
            banner.split(separator: "\n").first { $0.contains("base URL:") }?.split(separator: " ").last.map(
                String.init))
        let config = try Self.config(in: work, url: url)
        let store = work.appendingPathComponent("store.sqlite").path
        let tmux = try TmuxSession(
            command: "\(binary) --db \(store)", directory: work.path, width: 120, height: 40,
            environment: ["BILLTOP_CONFIG": config.path, "ACME_KEY": "sandbox"])
        defer { tmux.kill() }

        var screen = try await tmux.waitFor("the sync under way", seconds: 20) {
            $0.contains("Customers (") && Self.header($0).contains("syncing")
        }
        let started = Date()
        try tmux.send("Tab")
        screen = try await tmux.waitFor("Tab to move the focus", seconds: 5) { $0.contains("f status:") }
        try tmux.send("?")
        screen = try await tmux.waitFor("the help overlay", seconds: 5) { $0.contains("Keys") }
        try tmux.send("Escape")
        screen = try await tmux.waitFor("the help closed", seconds: 5) {
            !$0.contains("Keys") && $0.contains("f status:")
        }
        #expect(Self.header(screen).contains("syncing"), "still stuck: \(Self.header(screen))")
        #expect(!TmuxSession.hasSynced(screen), "no sync finished: the keys were answered while it was stuck")
        #expect(Date().timeIntervalSince(started) < 60, "all within a minute, far inside the trickle's hours")
        try tmux.send("q")
        #expect(try await tmux.waitForExit().status == 0)
    }

    static func header(_ screen: String) -> String { String(screen.split(separator: "\n").first ?? "") }
}
