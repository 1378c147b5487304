import BillingCore
import GRDB

/// Reads what a refresh needs from the store in one consistent read, and no more than it needs.
enum MetricsInputLoader {
    /// Event keys the dunning summary reads.
    static let eventKeys = [
        "payment_failure", "renewal_failure", "payment_success", "renewal_success", "dunning_step_reached",
    ]

    /// The input and the source's `DataGeneration.Mark` it was read at, from one snapshot: a sync committing
    /// or finishing a stream meanwhile leaves the result stale, never "fresh".
    static func load(_ store: BillingStore, sourceID: Int64, asOf: LocalDate) throws
        -> (input: MetricsInput, mark: DataGeneration.Mark)
    {
        try store.pool.read { db in
            let subscriptions = try BillingStore.subscriptions(
                db, where: "source_id = ? AND deleted_at IS NULL ORDER BY id", arguments: [sourceID]
            ).map(\.value)
            // With subscriptions, only money still owed matters (aging, dunning); without them, every invoice's
            // recurring lines are the MRR estimate's input.
            let invoiceClause =
                subscriptions.isEmpty
                ? "source_id = ? AND deleted_at IS NULL ORDER BY id"
                : "source_id = ? AND deleted_at IS NULL AND open_rank = 0 ORDER BY id"
            let invoices = try BillingStore.invoices(db, where: invoiceClause, arguments: [sourceID]).map(\.value)
            let keys = eventKeys.map { "'\($0)'" }.joined(separator: ",")
            let events = try Row.fetchAll(
                db,
                sql:
                    "SELECT \(try DecodedColumns.list(db, "event")) FROM event WHERE source_id = ? AND key IN (\(keys)) ORDER BY remote_id",
                arguments: [sourceID]
            ).namedRows.map(RowDecoder.event)
            let customers = try Row.fetchAll(
                db,
                sql:
                    "SELECT \(try DecodedColumns.list(db, "customer")) FROM customer WHERE source_id = ? AND deleted_at IS NULL ORDER BY id",
                arguments: [sourceID]
            ).namedRows.map { RowDecoder.customer($0).value }
            let history = try subscriptions.isEmpty ? nil : SubscriptionHistoryLoader.load(db, sourceID: sourceID)
            let input = MetricsInput(
                customers: customers, subscriptions: subscriptions, invoices: invoices, events: events,
                observed: history?.observed ?? [:], changes: history?.changes ?? [:],
                eventsSince: history?.eventsSince, billed: history?.billed ?? [])
            return (input, try DataGeneration.mark(db, sourceID: sourceID))
        }
    }

    /// Invoices that may have been owed on `date` (for aging moved back in time), with their payments.
    static func invoicesOwed(_ db: Database, sourceID: Int64, on date: LocalDate) throws -> [Invoice] {
        let day = date.description
        return try BillingStore.invoices(
            db,
            where: """
                source_id = ? AND deleted_at IS NULL AND status NOT IN ('draft', 'voided', 'canceled')
                AND due_date IS NOT NULL AND (issue_date IS NULL OR issue_date <= ?)
                AND (open_rank = 0 OR paid_date IS NULL OR paid_date > ?)
                """,
            arguments: [sourceID, day, day]
        ).map(\.value)
    }
}
