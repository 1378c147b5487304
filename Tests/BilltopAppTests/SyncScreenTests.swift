import BillingCore
import BillingStore
import TUIKit
import Testing

@testable import BilltopApp

/// The sync screen and the header's colours (issue 19 point 6): per source and GHL location the state, the
/// requests against the limits, rate-limit waits, the error rate, each stream's last success and records and
/// the newest errors; the header turns amber for a stale source and red for a failing one.
struct SyncScreenTests {
    static func health(crm level: SourceHealth.Level, reason: String) -> [SourceHealth] {
        let now = Fixtures.now.secondsSinceEpoch
        var acme = SourceHealth(
            name: "acme", kind: "chargify",
            streams: [
                .init(name: "customers", lastSuccessAt: now - 14, stalenessSeconds: 14, records: 14, lastError: nil),
                .init(name: "invoices", lastSuccessAt: now - 14, stalenessSeconds: 14, records: 17, lastError: nil),
            ], requestsLastHour: 42, requestsToday: 1_250, rateLimitWaitMs: 4_000, rateLimitedToday: 1,
            failedLastHour: 1, pendingActions: 2, level: .ok, reason: "synced")
        acme.lastErrors = []
        let failure = level == .failing ? "502 Bad Gateway \u{1B}[31m(GHL)" : nil
        let crm = SourceHealth(
            name: "crm", kind: "ghl",
            streams: [
                .init(
                    name: "contacts", lastSuccessAt: now - 9_000, stalenessSeconds: 9_000, records: 310,
                    lastError: failure)
            ], requestsLastHour: 6, requestsToday: 80, failedLastHour: level == .failing ? 6 : 0,
            lastErrors: failure.map { [SourceHealth.Problem(at: now - 60, message: $0)] } ?? [], level: level,
            reason: reason)
        return [acme, crm]
    }

    static func harness(_ health: [SourceHealth], width: Int = 120, height: Int = 40) throws -> Harness {
        var sync = Fixtures.sync
        sync.health = health
        return try Harness(width: width, height: height, data: Fixtures.data(sync: sync))
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func theSyncScreenShowsEachSourcesHealthAboveTheLog(size: (Int, Int)) throws {
        let h = try Self.harness(
            Self.health(crm: .failing, reason: "contacts failed: 502 Bad Gateway"), width: size.0, height: size.1)
        try h.press(.char("L"))
        #expect(h.text.contains("requests 42 this hour of 3,600, 1,250 today"), "\(h.text)")
        #expect(h.text.contains("crm (ghl)  FAILING  contacts failed: 502 Bad Gateway"))
        #expect(!h.text.contains("\u{1B}"), "a server's escape never reaches the screen")
        try SnapshotAssertion.assertMatches(h.frame, named: "sync-screen-\(size.0)x\(size.1)")
    }

    @Test func theHeaderTurnsRedForAFailingLocationAndAmberForAStaleOne() throws {
        let failing = try Self.harness(Self.health(crm: .failing, reason: "contacts failed: 502 Bad Gateway"))
        var (text, role) = HeaderView.syncText(failing.state)
        #expect(role == .danger && text.contains("crm: failing, contacts failed: 502 Bad Gateway"), "\(text)")

        let stale = try Self.harness(Self.health(crm: .stale, reason: "no success for 2 h"))
        (text, role) = HeaderView.syncText(stale.state)
        #expect(role == .warn && text.contains("crm: stale, no success for 2 h"), "\(text)")

        let fine = try Self.harness(Self.health(crm: .ok, reason: "synced"))
        (text, role) = HeaderView.syncText(fine.state)
        #expect(role == .ok && text == "synced 14s ago", "\(text)")
    }
}
