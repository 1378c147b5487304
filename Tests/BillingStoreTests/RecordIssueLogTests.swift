import BillingCore
import BillingStore
import Foundation
import GRDB
import Testing

/// Flagged and skipped records are typed sync-log lines (`record_issue`), and `billtop sync`'s summary
/// counts them by type, never by the wording of their message.
@Suite struct RecordIssueLogTests {
    static func line(
        _ message: String, kind: SyncLogEntry.Kind = .info, records: Int? = nil, issue: SyncLogEntry.RecordIssue?
    ) -> SyncLogEntry {
        SyncLogEntry(
            sourceID: 1, stream: "invoices", at: 1_781_956_800, kind: kind, records: records, message: message,
            recordIssue: issue)
    }

    @Test func countsFollowTheTypeNotTheText() {
        let counts = RecordIssueCounts([
            Self.line("flagged invoice inv_1: total_amount: not a decimal", issue: .flagged),
            Self.line("customer 7 kept without its email", issue: .flagged),  // wording changed: still counted
            Self.line("flagged by a human in a retry message", issue: nil),  // looks like one, is not
            Self.line("skipped 3 records without a usable id", kind: .error, records: 3, issue: .skipped),
            Self.line("skipped 1 record without a usable id", kind: .error, issue: .skipped),
            Self.line("skipped 9 records said the server", kind: .error, records: 9, issue: nil),
        ])
        #expect(counts.flagged == 2)
        #expect(counts.skipped == 4)
        #expect(counts.firstFlagged == "flagged invoice inv_1: total_amount: not a decimal")
        #expect(RecordIssueCounts([Self.line("flagged x", issue: nil)]) == RecordIssueCounts([]))
    }

    @Test func theStoreKeepsTheTypeAndReadsBackOneRunsIssues() throws {
        let (store, _) = try StoreFixtures.openStore()
        try store.appendLog([Self.line("flagged customer 1: email: not text", issue: .flagged)])
        let mark = try store.lastSyncLogID()
        try store.appendLog([
            Self.line("GET /invoices.json", kind: .request, issue: nil),
            Self.line("flagged invoice inv_2: due_amount: not a decimal", issue: .flagged),
            Self.line("flagged-looking text without a type", issue: nil),
            Self.line("skipped 2 records without a usable id", kind: .error, records: 2, issue: .skipped),
        ])
        let run = try store.syncLog(after: mark)
        #expect(run.map(\.recordIssue) == [.flagged, .skipped])
        #expect(
            run.map(\.message) == [
                "flagged invoice inv_2: due_amount: not a decimal", "skipped 2 records without a usable id",
            ])
        #expect(try store.syncLog(after: mark, recordIssues: [.skipped]).map(\.records) == [2])
        #expect(try store.recentSyncLog(limit: 10).filter { $0.recordIssue == nil }.count == 2)
    }

    /// A store from the version before `record_issue` existed: its flagged and skipped lines (the only form
    /// they had) are typed by the migration; other lines stay untyped.
    @Test func theMigrationTypesTheLinesOfEarlierRuns() throws {
        let path = StoreFixtures.temporaryPath()
        let before = try #require(StoreMigrations.all.firstIndex { $0.name == "v3-truto-sync-log-record-issue" })
        let old = try BillingStore.open(path: path, migrationCount: before)
        try old.pool.write { db in
            for (kind, message) in [
                ("info", "flagged invoice inv_1: total_amount: not a decimal"),
                ("error", "skipped 2 records without a usable id"),
                ("error", "GET /x -> 500: flagged by the server"), ("info", "the site has no listing"),
            ] {
                try db.execute(
                    sql: "INSERT INTO sync_log (source_id, stream, at, kind, message) VALUES (1, 'invoices', 1, ?, ?)",
                    arguments: [kind, message])
            }
        }
        let upgraded = try BillingStore.open(path: path)
        #expect(try upgraded.syncLog(after: 0).map(\.recordIssue) == [.flagged, .skipped])
        #expect(try upgraded.recentSyncLog(limit: 10).filter { $0.recordIssue == nil }.count == 2)
        #expect(try upgraded.integrityCheck() == "ok")
    }
}
