import BillingCore
import GRDB

/// Migration `v7-subscription-mrr-gaps` and the read it serves: the subscriptions flagged with an `MRRGap`
/// (a part of the catalogue that could not be read), found through a partial index that holds only them.
///
/// Why an index: the MRR pane asks after every sync; without it the question scans every subscription row
/// (~100k at the largest accounts) to find the few, or none, that carry such a flag.
enum MRRGapIndex {
    /// The index's condition; a query must repeat it word for word for SQLite to use the partial index.
    static let condition = "flags LIKE '%\(MRRGap.flagPrefix)%'"

    static func create(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX subscription_mrr_gaps ON subscription(source_id) WHERE \(condition)")
    }

    /// Live subscriptions per gap, most affected first.
    static func counts(_ db: Database, sourceID: Int64) throws -> [MRRGapCount] {
        let texts = try String.fetchAll(
            db,
            sql: """
                SELECT flags FROM subscription INDEXED BY subscription_mrr_gaps
                WHERE source_id = ? AND \(condition) AND deleted_at IS NULL
                """, arguments: [sourceID])
        var counts: [MRRGap: Int] = [:]
        for text in texts {
            // A subscription counts once per gap, however many of its components the gap touches.
            for gap in Set(RowDecoder.flags(text).compactMap(MRRGap.init(flag:))) { counts[gap, default: 0] += 1 }
        }
        return counts.map { MRRGapCount(gap: $0.key, subscriptions: $0.value) }
            .sorted { ($1.subscriptions, $0.gap) < ($0.subscriptions, $1.gap) }
    }
}
