import Foundation
import GRDB

/// `SourceHealth` for every source, from the stream states, the sync log, the journal and the CRM
/// locations. GHL's log lines are kept with no source id under the stream `ghl:LOCATION` (`ghlLogStream`).
extension BillingStore {
    /// The sync log stream a GHL location's lines are kept under.
    public static func ghlLogStream(locationID: String) -> String { "ghl:\(locationID)" }

    /// Every billing source, then every GHL location; `now` in seconds since 1970 (UTC). Without `records`
    /// the streams carry their last run's count instead of counting their tables (a count of a million
    /// invoices is too dear for the header, which reads this on every store change).
    /// `streams` are the stream states when the caller has just read them (the header's overview does), so
    /// they are not read twice.
    public func sourceHealth(
        now: Int64 = Int64(Date().timeIntervalSince1970), staleAfterSeconds: Int64 = 7_200, records: Bool = true,
        streams: [StreamStatus]? = nil
    ) throws -> [SourceHealth] {
        let states = try streams ?? syncStatus()
        return try pool.read { db in
            var out: [SourceHealth] = []
            for row in try Row.fetchAll(db, sql: "SELECT id, name, kind FROM source ORDER BY name") {
                let id: Int64 = row["id"]
                let streams = try states.filter { $0.sourceID == id }.map { status in
                    SourceHealth.Stream(
                        name: status.stream, lastSuccessAt: status.state.lastCompletedAt,
                        stalenessSeconds: status.state.lastCompletedAt.map { max(0, now - $0) },
                        records: (records ? try Self.records(db, sourceID: id, stream: status.stream) : nil)
                            ?? status.state.recordsThisRun,
                        lastError: status.state.phase == .failed ? status.state.lastError : nil)
                }
                var health = SourceHealth(name: row["name"], kind: row["kind"], streams: streams)
                try Self.usage(db, into: &health, filter: "source_id = ?1", argument: id, now: now)
                health.pendingActions =
                    try Int.fetchOne(
                        db,
                        sql: "SELECT count(*) FROM action_journal WHERE source_id = ? AND state IN ('pending', 'sent')",
                        arguments: [id]) ?? 0
                health.judge(staleAfterSeconds: staleAfterSeconds)
                out.append(health)
            }
            for row in try Row.fetchAll(
                db, sql: "SELECT location_id, name, last_sync_at FROM crm_location ORDER BY name")
            {
                let location: String = row["location_id"]
                let last: Int64? = row["last_sync_at"]
                let stream = Self.ghlLogStream(locationID: location)
                let contacts =
                    records
                    ? try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM crm_contact WHERE location_id = ?", arguments: [location]) ?? 0
                    : 0
                // A failure after the last page written is the location's current error.
                let failure = try String.fetchOne(
                    db,
                    sql:
                        "SELECT message FROM sync_log WHERE stream = ? AND kind = 'error' AND at >= ? ORDER BY id DESC LIMIT 1",
                    arguments: [stream, last ?? 0])
                var health = SourceHealth(
                    name: row["name"], kind: "ghl",
                    streams: [
                        SourceHealth.Stream(
                            name: "contacts", lastSuccessAt: last, stalenessSeconds: last.map { max(0, now - $0) },
                            records: contacts, lastError: failure)
                    ])
                try Self.usage(db, into: &health, filter: "stream = ?1", argument: stream, now: now)
                health.judge(staleAfterSeconds: staleAfterSeconds)
                out.append(health)
            }
            return out
        }
    }

    /// Requests, failures, 429s and rate-limit waits of the last hour and of today (UTC), and the last errors.
    static func usage(
        _ db: Database, into health: inout SourceHealth, filter: String, argument: any DatabaseValueConvertible,
        now: Int64
    ) throws {
        let hour = now - 3_600
        let day = now - now % 86_400
        // The hour can reach into yesterday, so the read spans both; the day's counts start at midnight.
        // Every attempt leaves one line: `request` when answered well, else `retry`, `error`, or a
        // `rate_limit_wait` with the 429's status (a wait for a slot has none, and its `duration_ms`).
        let attempt = "(kind IN ('request', 'retry', 'error') OR (kind = 'rate_limit_wait' AND status IS NOT NULL))"
        let failed = "(kind IN ('retry', 'error') OR (kind = 'rate_limit_wait' AND status IS NOT NULL))"
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT
                    sum(\(attempt) AND at >= ?2) AS requests_hour,
                    sum(\(attempt) AND at >= ?5) AS requests_day,
                    sum(\(failed) AND at >= ?2) AS failed_hour,
                    sum(status = 429 AND kind <> 'request' AND at >= ?5) AS limited_day,
                    sum(CASE WHEN kind = 'rate_limit_wait' AND at >= ?5 THEN coalesce(duration_ms, 0) ELSE 0 END)
                        AS waited_ms
                FROM sync_log WHERE \(filter) AND at >= ?3 AND at <= ?4
                """,
            arguments: [argument, hour, min(day, hour), now, day])
        health.requestsLastHour = row?["requests_hour"] ?? 0
        health.requestsToday = row?["requests_day"] ?? 0
        health.failedLastHour = row?["failed_hour"] ?? 0
        health.rateLimitedToday = row?["limited_day"] ?? 0
        health.rateLimitWaitMs = row?["waited_ms"] ?? 0
        health.lastErrors = try Row.fetchAll(
            db, sql: "SELECT at, message FROM sync_log WHERE \(filter) AND kind = 'error' ORDER BY id DESC LIMIT 5",
            arguments: [argument]
        ).map { SourceHealth.Problem(at: $0["at"], message: $0["message"]) }
    }

    /// Rows kept for a stream whose name is its table's plural; nil for the others.
    static func records(_ db: Database, sourceID: Int64, stream: String) throws -> Int? {
        let tables = [
            "customers": "customer", "subscriptions": "subscription", "invoices": "invoice", "events": "event",
        ]
        guard let table = tables[stream] else { return nil }
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE source_id = ?", arguments: [sourceID])
    }
}
