import BillingCore
import PostgresNIO

/// What a viewer's copy of the team store (`TeamReplica`) reads: the rows stamped after its cursor
/// (`v12-pg-row-changes`), the streams' checkpoints and the fetcher's log, and the store's identity.
extension PostgresStore {
    /// The tables a copy follows, in the order it applies them (customers before what refers to them).
    public enum ReplicaTable: String, Sendable, CaseIterable {
        case customer, subscription, invoice, event
        case allocation = "component_allocation"
        case journal = "action_journal"
        case crmLocation = "crm_location"
        case crmContact = "crm_contact"
        case crmActivity = "crm_activity"
        case crmLink = "crm_link_override"
    }

    /// When this store was created (its first migration's time): a copy made from another store, or from this
    /// one before it was dropped and made again, is thrown away rather than caught up.
    public func identity() async throws -> String {
        try await serially("read its identity") { connection in
            let rows = try await connection.query(
                "SELECT applied_at::text FROM billtop_schema_version WHERE version = 1",
                logger: PostgresConnector.silent)
            for try await stamp in rows.decode(String.self) { return stamp }
            throw PostgresStoreError(message: "the store has no schema history", sqlState: nil)
        }
    }

    /// Up to `limit` rows of `table` stamped after `cursor` and at most `upTo`, oldest first.
    public func changedRows(_ table: ReplicaTable, after cursor: ChangedRows.Cursor, upTo: Int64, limit: Int)
        async throws -> ChangedRows
    {
        try await serially("read what changed in \(table.rawValue)") { connection in
            let query: PostgresQuery = """
                SELECT \(unescaped: Self.copyColumns(table)) FROM \(unescaped: table.rawValue)
                WHERE (change_seq, id) > (\(cursor.seq), \(cursor.id)) AND change_seq <= \(upTo)
                ORDER BY change_seq, id LIMIT \(limit)
                """
            var changed = ChangedRows()
            let rows: [NamedRow]
            switch table {
            case .subscription:
                let read = try await Self.subscriptionRows(connection, query)
                changed.subscriptions = read.map { record in
                    let digest: Int64 =
                        record.row["content_digest"]
                        ?? RawDigest.of(
                            (record.row["raw"] ?? "") + "\u{0}" + StoreWriter.childrenText(record.stored.value))
                    return (
                        record.row["source_id"],
                        Incoming(value: record.stored.value, rawDigest: digest, flags: record.stored.flags),
                        record.stored.deletedAt
                    )
                }
                rows = read.map(\.row)
            case .invoice:
                let read = try await Self.invoiceRows(connection, query)
                changed.invoices = read.map { record in
                    let digest: Int64 = record.row["raw_digest"] ?? RawDigest.of(record.row["raw"] ?? "")
                    return (
                        record.row["source_id"],
                        Incoming(value: record.stored.value, rawDigest: digest, flags: record.stored.flags),
                        record.stored.deletedAt
                    )
                }
                rows = read.map(\.row)
            default:
                rows = try await PostgresRows.all(connection.query(query, logger: PostgresConnector.silent))
                for row in rows { try Self.decode(row, table, into: &changed) }
            }
            if let last = rows.last { changed.next = ChangedRows.Cursor(seq: last["change_seq"], id: last["id"]) }
            return changed
        }
    }

    /// What a copy reads of `table`. No record comes with its raw JSON, which no pane or command reads and the
    /// team store keeps: invoices' is two thirds of a copy on disk (2.3 KB an invoice; 3.8 of 5.8 GB at 100k
    /// customers), subscriptions' 1.7 KB each, customers' and events' the next tenth. The copy keeps invoices'
    /// and subscriptions' digests (`Incoming.rawDigest`), since a change only their JSON shows (a line's text)
    /// must still rewrite them; a row written before digests were kept brings its JSON, to be digested on arrival.
    /// Customers' and events' upserts compare every column they keep, so they need no digest.
    static func copyColumns(_ table: ReplicaTable) -> String {
        switch table {
        case .customer:
            "id, source_id, change_seq, deleted_at, \(PostgresPageWriter.customers.names(leavingOut: "raw")), '' AS raw"
        case .event:
            "id, source_id, change_seq, \(PostgresPageWriter.events.names(leavingOut: "raw")), '' AS raw"
        case .invoice:
            "id, source_id, change_seq, deleted_at, \(PostgresPageWriter.invoices.names(leavingOut: "raw")), "
                + "CASE WHEN raw_digest IS NULL THEN raw END AS raw"
        case .subscription:
            "id, source_id, change_seq, deleted_at, \(PostgresPageWriter.subscriptions.names(leavingOut: "raw")), "
                + "CASE WHEN content_digest IS NULL THEN raw END AS raw"
        default: "*"
        }
    }

    private static func decode(_ row: NamedRow, _ table: ReplicaTable, into changed: inout ChangedRows) throws {
        switch table {
        case .crmLocation:
            changed.crmLocations.append(
                CRMLocationRow(
                    locationID: row["location_id"], name: row["name"], baseURL: row["base_url"],
                    highWater: row["high_water_ms"], lastSyncAt: row["last_sync_at"], usersDigest: row["users_digest"]))
            return
        case .crmContact:
            changed.crmContacts.append((row["location_id"], BillingStore.contact(row.row)))
            return
        case .crmActivity:
            changed.crmActivity.append(row["contact_id"])
            return
        case .crmLink:
            changed.crmLinks.append((row["source_id"], row["customer_id"], row["contact_id"], row["set_at"]))
            return
        default:
            break
        }
        let source: Int64 = row["source_id"]
        switch table {
        case .customer:
            let stored = RowDecoder.customer(row)
            changed.customers.append(
                (source, Incoming(value: stored.value, raw: row["raw"], flags: stored.flags), stored.deletedAt))
        case .event:
            changed.events.append((source, Incoming(value: RowDecoder.event(row), raw: row["raw"])))
        case .allocation:
            // A quantity the writer stored came from ExactDecimal; one that does not parse back is skipped, as
            // SQLite's history loader skips it.
            guard let quantity = ExactDecimal(parsing: row["quantity"]),
                let previous = ExactDecimal(parsing: row["previous_quantity"])
            else { return }
            changed.allocations.append(
                (
                    source,
                    ComponentAllocation(
                        subscriptionID: row["subscription_remote_id"], componentID: row["component_id"],
                        allocationID: row["allocation_id"], quantity: quantity, previousQuantity: previous,
                        at: Timestamp(secondsSinceEpoch: row["at"]), pricePointID: row["price_point_id"],
                        previousPricePointID: row["previous_price_point_id"])
                ))
        case .journal:
            changed.journal.append(BillingStore.journalEntry(row.row))
        case .subscription, .invoice, .crmLocation, .crmContact, .crmActivity, .crmLink:
            break
        }
    }

    /// Every stream's checkpoint, by the team store's source id: what serve's fetcher is doing, for the copy's
    /// sync screen and header.
    public func streamStates() async throws -> [(sourceID: Int64, stream: String, state: StreamState)] {
        let keys = try await serially("read its checkpoints") { connection in
            var keys: [(Int64, String)] = []
            let rows = try await connection.query(
                "SELECT source_id, stream FROM sync_state ORDER BY source_id, stream", logger: PostgresConnector.silent)
            for try await key in rows.decode((Int64, String).self) { keys.append(key) }
            return keys
        }
        var states: [(sourceID: Int64, stream: String, state: StreamState)] = []
        for (source, stream) in keys {
            states.append((source, stream, try await streamState(sourceID: source, stream: stream)))
        }
        return states
    }

    /// The fetcher's log lines after `id`, oldest first, at most `limit`, with the last id read.
    public func syncLog(after id: Int64, limit: Int) async throws -> (entries: [SyncLogEntry], last: Int64) {
        try await serially("read its sync log") { connection in
            let rows = try await PostgresRows.all(
                connection.query(
                    "SELECT * FROM sync_log WHERE id > \(id) ORDER BY id LIMIT \(limit)",
                    logger: PostgresConnector.silent))
            let entries = rows.map { row in
                SyncLogEntry(
                    sourceID: row["source_id"], stream: row["stream"], at: row["at"],
                    kind: SyncLogEntry.Kind(rawValue: row["kind"]) ?? .info, status: row["status"],
                    durationMs: row["duration_ms"], records: row["records"], message: row["message"],
                    recordIssue: (row["record_issue"] as String?).flatMap(SyncLogEntry.RecordIssue.init))
            }
            return (entries, rows.last.map { $0["id"] } ?? id)
        }
    }
}
