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
            (try read(db, sourceID: sourceID, changedOnly: false), try DataGeneration.mark(db, sourceID: sourceID))
        }
    }

    /// The source's records, or with `changedOnly` those of the customers in `metrics_dirty_customer` (their
    /// subscriptions, invoices, dunning events and histories; the basis stays the source's).
    static func read(_ db: Database, sourceID: Int64, changedOnly: Bool) throws -> MetricsInput {
        // An integer, so it is safe in the SQL text: the one filter every read below shares.
        let changed = "(SELECT customer_remote_id FROM metrics_dirty_customer WHERE source_id = \(sourceID))"
        let mine = changedOnly ? " AND customer_remote_id IN \(changed)" : ""
        let subscriptions = try BillingStore.subscriptions(
            db, where: "source_id = ? AND deleted_at IS NULL\(mine) ORDER BY id", arguments: [sourceID]
        ).map(\.value)
        let basis: MRRBasis =
            !changedOnly
            ? (subscriptions.isEmpty ? .invoiceLineEstimate : .subscriptions) : try sourceBasis(db, sourceID: sourceID)
        // With subscriptions, only money still owed matters (aging, dunning); without them, every invoice's
        // recurring lines are the MRR estimate's input.
        // A few customers' invoices are read by customer, not by walking every open invoice.
        let openRank = changedOnly ? "+open_rank" : "open_rank"
        let invoiceClause =
            basis == .invoiceLineEstimate
            ? "source_id = ? AND deleted_at IS NULL\(mine) ORDER BY id"
            : "source_id = ? AND deleted_at IS NULL AND \(openRank) = 0\(mine) ORDER BY id"
        let invoices = try BillingStore.invoices(db, where: invoiceClause, arguments: [sourceID]).map(\.value)
        // Only the subscriptions' events matter (the dunning summary reads them per subscription).
        let theirs =
            changedOnly
            ? " AND subscription_remote_id IN (SELECT remote_id FROM subscription WHERE source_id = \(sourceID) AND deleted_at IS NULL AND customer_remote_id IN \(changed))"
            : ""
        let events = try self.events(db, sourceID: sourceID, keys: eventKeys, filter: theirs)
        let customerFilter = changedOnly ? " AND remote_id IN \(changed)" : ""
        let customers = try Row.fetchAll(
            db,
            sql:
                "SELECT \(try DecodedColumns.list(db, "customer")) FROM customer WHERE source_id = ? AND deleted_at IS NULL\(customerFilter) ORDER BY id",
            arguments: [sourceID]
        ).namedRows.map { RowDecoder.customer($0).value }
        let history =
            try basis == .invoiceLineEstimate || subscriptions.isEmpty
            ? nil : SubscriptionHistoryLoader.load(db, sourceID: sourceID, subscriptionsOf: changedOnly ? changed : nil)
        var input = MetricsInput(
            customers: customers, subscriptions: subscriptions, invoices: invoices, events: events,
            observed: history?.observed ?? [:], changes: history?.changes ?? [:],
            eventsSince: history?.eventsSince, billed: history?.billed ?? [])
        if changedOnly { input.sourceBasis = basis }
        return input
    }

    /// The source's events with one of `keys`, oldest first, narrowed by `filter` (SQL that begins with AND).
    static func events(_ db: Database, sourceID: Int64, keys: [String], filter: String) throws -> [BillingEvent] {
        let list = keys.map { "'\($0)'" }.joined(separator: ",")
        // Narrowed to a few subscriptions, their index must be read, not every event in id order.
        let order = filter.isEmpty ? "remote_id" : "+remote_id"
        return try Row.fetchAll(
            db,
            sql:
                "SELECT \(try DecodedColumns.list(db, "event")) FROM event WHERE source_id = ? AND key IN (\(list))\(filter) ORDER BY \(order)",
            arguments: [sourceID]
        ).namedRows.map(RowDecoder.event)
    }

    /// Whether the source's MRR comes from subscriptions (it has a live one) or is estimated from invoices.
    static func sourceBasis(_ db: Database, sourceID: Int64) throws -> MRRBasis {
        let any = try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM subscription WHERE source_id = ? AND deleted_at IS NULL)",
            arguments: [sourceID])
        return any == true ? .subscriptions : .invoiceLineEstimate
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
