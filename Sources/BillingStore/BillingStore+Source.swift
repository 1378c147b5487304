import BillingCore
import GRDB

/// Whole-source reads (for metrics and the sync status pane).
extension BillingStore {
    /// Every live customer of a source, ordered by remote id.
    public func allCustomers(sourceID: Int64, includeDeleted: Bool = false) throws -> [Stored<Customer>] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT \(try DecodedColumns.list(db, "customer")) FROM customer WHERE source_id = ? \(includeDeleted ? "" : "AND deleted_at IS NULL") ORDER BY id",
                arguments: [sourceID]
            ).namedRows.map(RowDecoder.customer)
        }
    }

    /// Every live subscription of a source with components and coupons.
    public func allSubscriptions(sourceID: Int64, includeDeleted: Bool = false) throws -> [Stored<Subscription>] {
        try pool.read { db in
            try Self.subscriptions(
                db, where: "source_id = ? \(includeDeleted ? "" : "AND deleted_at IS NULL") ORDER BY id",
                arguments: [sourceID])
        }
    }

    /// Every live invoice of a source with lines and payments (large: prefer `invoices(filter:)` for lists).
    public func allInvoices(sourceID: Int64, includeDeleted: Bool = false) throws -> [Stored<Invoice>] {
        try pool.read { db in
            try Self.invoices(
                db, where: "source_id = ? \(includeDeleted ? "" : "AND deleted_at IS NULL") ORDER BY id",
                arguments: [sourceID])
        }
    }

    /// Every event of a source in id order (optionally only those with id > `afterID`).
    public func events(sourceID: Int64, afterID: Int64 = .min) throws -> [BillingEvent] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT \(try DecodedColumns.list(db, "event")) FROM event WHERE source_id = ? AND remote_id > ? ORDER BY remote_id",
                arguments: [sourceID, afterID]
            ).namedRows.map(RowDecoder.event)
        }
    }

    /// Events of one subscription, newest first.
    public func events(subscription key: RecordKey, limit: Int = 50) throws -> [BillingEvent] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(try DecodedColumns.list(db, "event")) FROM event WHERE source_id = ? AND subscription_remote_id = ?
                    ORDER BY remote_id DESC LIMIT ?
                    """,
                arguments: [key.sourceID, key.remoteID, limit]
            ).namedRows.map(RowDecoder.event)
        }
    }

    /// The highest event id stored for a source (where the events stream continues), or nil.
    public func maxEventID(sourceID: Int64) throws -> Int64? {
        try pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT max(remote_id) FROM event WHERE source_id = ?", arguments: [sourceID])
        }
    }

    /// Every stream's state, per source, for the sync status pane.
    public func syncStatus() throws -> [StreamStatus] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.*, src.name AS source_name FROM sync_state s JOIN source src ON src.id = s.source_id
                    ORDER BY src.name, s.stream
                    """
            ).map {
                StreamStatus(
                    sourceID: $0["source_id"], sourceName: $0["source_name"], stream: $0["stream"],
                    state: Self.streamState($0))
            }
        }
    }

    /// The newest sync log lines, newest first.
    public func recentSyncLog(limit: Int = 100, sourceID: Int64? = nil) throws -> [SyncLogEntry] {
        try pool.read { db in
            let filter = sourceID == nil ? "" : "WHERE source_id = ?"
            var args: [(any DatabaseValueConvertible)?] = sourceID.map { [$0] } ?? []
            args.append(limit)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM sync_log \(filter) ORDER BY id DESC LIMIT ?",
                arguments: StatementArguments(args)
            ).map(Self.logEntry)
        }
    }

    // MARK: Shared decoding with children

    static func subscriptions(_ db: Database, where clause: String, arguments: StatementArguments) throws
        -> [Stored<Subscription>]
    {
        let rows = try Row.fetchAll(
            db, sql: "SELECT \(try DecodedColumns.list(db, "subscription")) FROM subscription WHERE \(clause)",
            arguments: arguments)
        guard !rows.isEmpty else { return [] }
        var components: [Int64: [SubscriptionComponent]] = [:]
        var coupons: [Int64: [Coupon]] = [:]
        try forChildren(db, table: "subscription_component", parentColumn: "subscription_id", rows: rows) {
            components[$0, default: []].append(RowDecoder.component($1))
        }
        try forChildren(db, table: "subscription_coupon", parentColumn: "subscription_id", rows: rows) {
            coupons[$0, default: []].append(RowDecoder.coupon($1))
        }
        return rows.namedRows.map {
            let id: Int64 = $0["id"]
            return RowDecoder.subscription($0, components: components[id] ?? [], coupons: coupons[id] ?? [])
        }
    }

    static func invoices(_ db: Database, where clause: String, arguments: StatementArguments) throws -> [Stored<
        Invoice
    >] {
        try decodeInvoices(
            db,
            rows: Row.fetchAll(
                db, sql: "SELECT \(try DecodedColumns.list(db, "invoice")) FROM invoice WHERE \(clause)",
                arguments: arguments))
    }

    static func decodeInvoices(_ db: Database, rows: [Row]) throws -> [Stored<Invoice>] {
        guard !rows.isEmpty else { return [] }
        var lines: [Int64: [InvoiceLineItem]] = [:]
        var payments: [Int64: [Payment]] = [:]
        try forChildren(db, table: "invoice_line", parentColumn: "invoice_id", rows: rows) {
            lines[$0, default: []].append(RowDecoder.line($1))
        }
        try forChildren(db, table: "invoice_payment", parentColumn: "invoice_id", rows: rows) {
            payments[$0, default: []].append(RowDecoder.payment($1))
        }
        return rows.namedRows.map {
            let id: Int64 = $0["id"]
            return RowDecoder.invoice($0, lines: lines[id] ?? [], payments: payments[id] ?? [])
        }
    }

    /// Visits child rows of `rows` in position order; few parents use an IN list, many use a join on a temp set.
    static func forChildren(
        _ db: Database, table: String, parentColumn: String, rows: [Row], _ body: (Int64, NamedRow) -> Void
    ) throws {
        var columns: NamedRow.Columns?
        func named(_ row: Row) -> NamedRow {
            let shared = columns ?? NamedRow.Columns(row)
            columns = shared
            return NamedRow(row, columns: shared)
        }
        let ids: [Int64] = rows.map { $0["id"] }
        if ids.count <= 500 {
            let list = ids.map(String.init).joined(separator: ",")
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT * FROM \(table) WHERE \(parentColumn) IN (\(list)) ORDER BY \(parentColumn), position")
            while let row = try cursor.next() {
                let child = named(row)
                body(child[parentColumn], child)
            }
        } else {
            let wanted = Set(ids)
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) ORDER BY \(parentColumn), position")
            while let row = try cursor.next() {
                let child = named(row)
                let parent: Int64 = child[parentColumn]
                if wanted.contains(parent) { body(parent, child) }
            }
        }
    }
}
