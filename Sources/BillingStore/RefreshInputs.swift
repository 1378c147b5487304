import BillingCore
import Foundation
import GRDB

/// What a source's aggregates depend on besides each customer's own records, as one text kept with them
/// (`metrics_refresh.inputs`): the history range, the settings, the source's basis and its oldest event (before
/// which history cannot be told from events). A refresh of only the changed customers is right only while this
/// text is the same; when it moves, every customer's figures may have, so the refresh recomputes all.
enum RefreshInputs {
    static func describe(
        _ db: Database, sourceID: Int64, asOf: LocalDate, historyFrom: LocalDate, settings: MetricsSettings
    ) throws -> String {
        let basis = try MetricsInputLoader.sourceBasis(db, sourceID: sourceID)
        // Event ids grow with time: the first by id is the oldest (SubscriptionHistoryLoader reads it the same way).
        let oldest = try Int64.fetchOne(
            db, sql: "SELECT created_at FROM event WHERE source_id = ? ORDER BY remote_id LIMIT 1",
            arguments: [sourceID])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let settingsText = String(decoding: (try? encoder.encode(settings)) ?? Data(), as: UTF8.self)
        return
            "1|\(asOf.daysSinceEpoch)|\(historyFrom.daysSinceEpoch)|\(basis.rawValue)|\(oldest.map(String.init) ?? "-")|\(settingsText)"
    }
}
