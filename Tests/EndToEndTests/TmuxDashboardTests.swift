import Foundation
import Sandbox
import TestSupport
import Testing

/// Drives the real `billtop --demo` in a detached tmux session and reads the screen back with capture-pane.
@Suite(
    .serialized,
    .enabled(if: TmuxSession.tmuxPath != nil, "tmux is not installed: the dashboard end-to-end test needs it"))
struct TmuxDashboardTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let binary = packageRoot.appendingPathComponent(".build/debug/billtop").path
    static let demoCustomers = 300

    @Test func demoSearchOpenBackSwitchResizeExportQuit() async throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.binary), "build first: swift build (no \(Self.binary))")
        // The customer the seed is known to contain: the generator is deterministic, so ask it.
        let company = CompanyGenerator.generate(SandboxConfiguration(customers: Self.demoCustomers))
        let known = try #require(company.customers.first { $0.email.allSatisfy(\.isASCII) && !$0.email.isEmpty })
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("billtop-tmux-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        let tmux = try TmuxSession(
            command: "\(Self.binary) --demo --demo-customers \(Self.demoCustomers)", directory: work.path, width: 120,
            height: 40)
        defer { tmux.kill() }

        // Data arrives: the customers pane fills and the header says it synced.
        // (The first sync of 300 customers can take a minute under a full parallel test run: the steps below
        // need the customers only; the header's "synced" is checked by TmuxConfiguredSyncTests.)
        var screen = try await tmux.waitFor("customers filled", seconds: 60) {
            $0.contains("Customers (\(Self.demoCustomers))") && ($0.contains("syncing") || TmuxSession.hasSynced($0))
        }
        #expect(screen.contains("Invoices"))
        #expect(screen.contains("Dunning"))
        #expect(screen.contains("MRR"))

        // Search by email, open, go back.
        try tmux.send("/")
        try tmux.sendLiteral(known.email)
        screen = try await tmux.waitFor("search result") { $0.contains("Customers (1)") }
        try tmux.send("Enter")  // the only match: Enter opens it
        // Wait for the whole screen: a capture can land between the first rows of a frame and the rest.
        screen = try await tmux.waitFor("customer screen") {
            $0.contains("Customer ·") && $0.contains(known.email) && $0.contains("Standing")
        }
        try tmux.send("Escape")
        screen = try await tmux.waitFor("back on the dashboard") {
            $0.contains("/ \(known.email)") && !$0.contains("Customer ·")
        }

        // Switch panes.
        try tmux.send("Tab")
        screen = try await tmux.waitFor("invoices focused") { $0.contains("f status:") }

        // Resize to 80x24: tabs; and back: the grid.
        try tmux.resize(width: 80, height: 24)
        screen = try await tmux.waitFor("tabs at 80x24") { $0.contains("1 Customers") && $0.contains("2 Invoices") }
        try tmux.resize(width: 120, height: 40)
        screen = try await tmux.waitFor("grid at 120x40") {
            !$0.contains("2 Invoices ") && $0.contains("Dunning (as of")
        }

        // Export the invoices view.
        try tmux.send("e")
        screen = try await tmux.waitFor("export confirmed") { $0.contains("exported") && $0.contains(".csv") }
        let files = try FileManager.default.contentsOfDirectory(atPath: work.path).filter { $0.hasSuffix(".csv") }
        #expect(files.count == 1)
        if let file = files.first {
            let csv = try String(contentsOfFile: work.appendingPathComponent(file).path, encoding: .utf8)
            #expect(csv.hasPrefix("number,id,customer_id"))
            #expect(!csv.unicodeScalars.contains { $0.value == 0x1B })
        }

        // Quit: the process exits 0 and the terminal is back on the normal screen.
        try tmux.send("q")
        let dead = try await tmux.waitForExit()
        #expect(dead.status == 0)
        #expect(dead.alternateScreen == false, "the alternate screen is left on quit")
        // The demo's temporary store (TMPDIR is the work directory) is gone.
        let left = try FileManager.default.contentsOfDirectory(atPath: work.path).filter {
            $0.hasPrefix("billtop-demo-")
        }
        #expect(left.isEmpty, "the demo left \(left) behind")
    }
}
