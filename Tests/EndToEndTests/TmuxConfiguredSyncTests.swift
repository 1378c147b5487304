import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Plain `billtop` (no --demo) on a config file: every configured source syncs in the background, `r`
/// syncs now, and a source that fails (a wrong key) is one line in the status line, not a broken screen.
/// The sandbox runs as `billtop sandbox serve` in its own tmux session, as a user would run it.
@Suite(
    .serialized,
    .enabled(if: TmuxSession.tmuxPath != nil, "tmux is not installed: the dashboard end-to-end test needs it"))
struct TmuxConfiguredSyncTests {
    @Test func configuredSourcesSyncInTheBackgroundAndRSyncsNow() async throws {
        let binary = TmuxDashboardTests.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build first: swift build (no \(binary))")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("billtop-tmux-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        let sandbox = try await TmuxSandbox.start(binary: binary, customers: 40, seed: 11, directory: work)
        defer { sandbox.kill() }
        let url = sandbox.url

        // A long interval: a run after the first one can only come from `r`.
        let config = try Self.config(
            in: work, url: url,
            extra: """
                [[source]]
                name = "broken"
                kind = "chargify"
                url = "\(url)"
                key_env = "BROKEN_KEY"
                interval = 3600

                """)
        let store = work.appendingPathComponent("store.sqlite").path
        let tmux = try TmuxSession(
            command: "\(binary) --db \(store)", directory: work.path, width: 120, height: 40,
            environment: ["BILLTOP_CONFIG": config.path, "ACME_KEY": "sandbox", "BROKEN_KEY": "not-the-key"])
        defer { tmux.kill() }

        // Data arrives from the good source; the bad one is one line in the status line and the header.
        var screen = try await tmux.waitFor("customers synced", seconds: 60) {
            $0.contains("Customers (40)") && TmuxSession.hasSynced($0)
        }
        screen = try await tmux.waitFor("the wrong key reported") {
            $0.contains("error: broken") && $0.contains("rejected")
        }
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count >= 40)
        #expect(
            lines.filter { $0.contains("rejected") }.count <= 2,
            "the error is the status line (and the header), nothing more")
        #expect(screen.contains("Dunning") && screen.contains("MRR") && screen.contains("Invoices"))
        #expect(!screen.contains("not-the-key"))

        // Let the last sync age, then `r`: a new run makes it fresh again (the interval is an hour).
        _ = try await tmux.waitFor("the sync to age", seconds: 20) {
            Self.syncedSecondsAgo($0).map { $0 >= 3 } ?? false
        }
        try tmux.send("r")
        // Fresh means synced after `r`: no older than the time since the key. Without a sync the age (3 s or
        // more before it, shown up to a second late) stays above that by more than a second. Not "<= 1 s": a
        // poll delayed on a loaded machine missed that window.
        let pressed = Date()
        screen = try await tmux.waitFor("r to sync now", seconds: 30) { screen in
            Self.syncedSecondsAgo(screen).map { Double($0) <= Date().timeIntervalSince(pressed) } ?? false
        }

        try tmux.send("q")
        let dead = try await tmux.waitForExit()
        #expect(dead.status == 0)
        #expect(dead.alternateScreen == false)
    }

    /// N in the header's "synced Ns ago".
    static func syncedSecondsAgo(_ screen: String) -> Int? {
        guard let header = screen.split(separator: "\n").first, let range = header.range(of: "synced ") else {
            return nil
        }
        let digits = header[range.upperBound...].prefix { $0.isNumber }
        guard header[range.upperBound...].dropFirst(digits.count).hasPrefix("s ago") else { return nil }
        return Int(digits)
    }
}
