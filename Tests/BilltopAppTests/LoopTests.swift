import BillingCore
import Foundation
import TUIKit
import TUITestSupport
import Testing

@testable import BilltopApp

/// The loop end to end over the fixture: keys in, frames out, files written.
struct LoopTests {
    @Test func firstFrameShowsEveryPaneFilled() throws {
        let h = try Harness(width: 120, height: 40)
        #expect(h.terminal.frames.count == 1, "the start loads every pane before the first frame")
        let text = h.text
        for expected in [
            "Customers (14)", "Invoices · overdue and open first", "Dunning (as of 2026-06-20)", "MRR (June 2026)",
            "synced 14s ago", "Jane Doe", "INV-0950", "$6,809.00", "/ search",
        ] {
            #expect(text.contains(expected), "missing \(expected)")
        }
    }

    @Test func searchOpenAndBack() throws {
        let h = try Harness(width: 120, height: 40)
        try h.press(.char("/"))
        try h.type("yamada")
        #expect(h.state.customers.total == 1)
        #expect(h.text.contains("山田"))
        try h.press(.enter)  // the only match: opens
        #expect(h.text.contains("Customer · 太郎 山田"))
        #expect(h.text.contains("INV-0990"))
        #expect(h.text.contains("past due"))
        try h.press(.escape)
        #expect(h.state.screen == .dashboard)
        #expect(h.text.contains("/ yamada"))
    }

    @Test func searchMatchesEmailOrganisationReferenceAndId() throws {
        let h = try Harness(width: 120, height: 40)
        for (query, name) in [
            ("initech", "Peter Gibbons"), ("crm-014", "Pepper Potts"), ("1003", "José Ñúñez"),
            ("hank@", "Hank Scorpio"),
        ] {
            try h.press(.char("/"), .ctrl("u"))
            try h.type(query)
            #expect(h.state.customers.page.rows.first?.name == name, "\(query)")
            try h.press(.escape)
        }
    }

    @Test func resizeRelayoutsAndBack() throws {
        let h = try Harness(width: 120, height: 40)
        try h.send(.resize(width: 80, height: 24))
        #expect(h.text.contains("1 Customers"))
        #expect(h.frame.width == 80)
        try h.send(.resize(width: 40, height: 10))
        #expect(h.text.contains("terminal too small"))
        try h.send(.resize(width: 120, height: 40))
        #expect(h.text.contains("MRR (June 2026)"))
    }

    @Test func exportWritesTheFilteredSortedViewSafely() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("billtop-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let h = try Harness(width: 120, height: 40, exportDirectory: dir.path)
        try h.press(.char("s"))  // customers by MRR
        try h.press(.char("e"))
        let status = try #require(h.state.status)
        #expect(!status.isError, "\(status.text)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(files.count == 1)
        let csv = try String(contentsOfFile: dir.appendingPathComponent(files[0]).path, encoding: .utf8)
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 15, "header + 14 customers, one line each")
        #expect(lines[1].contains("山田"), "sorted by MRR, largest face value first (¥50,000 > $5,000)")
        #expect(lines[2].contains("Pepper Potts"))
        #expect(!csv.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x07 })
        #expect(csv.contains("'=cmd"), "formula cells are neutralised")
        #expect(h.text.contains("exported 14 rows to"))
    }

    @Test func exportFailureShowsInTheStatusLine() throws {
        let h = try Harness(width: 120, height: 40, exportDirectory: "/nonexistent/dir")
        try h.press(.char("e"))
        #expect(h.state.status?.isError == true)
        #expect(h.text.contains("error: cannot write"))
        #expect(h.text.contains("Customers (14)"), "the panes are still drawn")
    }

    @Test func syncProgressAndStoreChangesArriveThroughTheQueue() throws {
        let h = try Harness(width: 120, height: 40)
        var sync = Fixtures.sync
        sync.sources[0].activity = .waitingRateLimit(until: Fixtures.now.adding(seconds: 12))
        h.loop.events.post(.syncChanged(sync))
        try h.loop.step()
        #expect(h.frame.rowText(0).contains("rate limited, waiting 12s"))
        let frames = h.terminal.frames.count
        try h.loop.step()
        #expect(h.terminal.frames.count == frames, "nothing changed: no frame")
    }

    @Test func aRetryIsShownInTheWarningColour() throws {
        let h = try Harness(width: 120, height: 40)
        var sync = Fixtures.sync
        sync.sources[0].activity = .retrying("retrying in 4s: connection refused (127.0.0.1:9), attempt 2 of 8")
        h.loop.events.post(.syncChanged(sync))
        try h.loop.step()
        let header = h.frame.rowText(0)
        #expect(header.contains("retrying in 4s: connection refused"))
        let found = try #require(header.range(of: "retrying"))
        let column = header.distance(from: header.startIndex, to: found.lowerBound)
        #expect(h.frame[column, 0].style.role == .warn, "a retry is not normal progress")
    }

    @Test func quitStopsTheLoop() throws {
        let h = try Harness(width: 80, height: 24)
        h.terminal.pendingEvents = [.char("q")]
        try h.loop.run()
        #expect(h.state.quitting)
    }
}

/// htop's rule: moving the selection repaints the two rows involved, nothing else.
struct MinimalRepaintTests {
    @Test(arguments: [(120, 40), (200, 50), (80, 24)])
    func oneRowMoveChangesTwoRows(size: (Int, Int)) throws {
        let h = try Harness(width: size.0, height: size.1)
        let before = h.frame
        try h.press(.char("j"))
        let runs = GridDiff.runs(from: before, to: h.frame)
        let rows = Set(runs.map(\.y))
        #expect(rows.count == 2, "changed rows: \(rows.sorted())")
        #expect(GridDiff.cellCount(runs) <= 2 * size.0)
    }
}
