import GRDB

/// Writes `dash_customer_initial` and its counts per initial (see `CustomerInitialTables`): a customer's rows
/// are replaced from its stored texts whenever the page writer writes it, so they always agree with its name,
/// id and words.
enum CustomerInitialRows {
    /// Replaces the rows of `customers` (ids, as `SearchIndexBatch.json` gives them), or writes every live
    /// customer's when nil (the migration, on an empty table).
    static func rewrite(_ db: Database, customers: String?) throws {
        var sql = """
            SELECT r.customer_id, r.sort_name, r.source_name, r.remote_id,
                c.first_name, c.last_name, c.email, c.organization, c.reference
            FROM dash_customer_row r JOIN customer c ON c.id = r.customer_id
            """
        var arguments: StatementArguments = []
        var counts: [String: Int] = [:]
        if let customers {
            let gone = try String.fetchAll(
                db.cachedStatement(
                    sql: """
                        DELETE FROM dash_customer_initial WHERE customer_id IN (SELECT value FROM json_each(?))
                        RETURNING initial
                        """), arguments: [customers])
            for initial in gone { counts[initial, default: 0] -= 1 }
            sql += " WHERE r.customer_id IN (SELECT value FROM json_each(?))"
            arguments = [customers]
        }
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO dash_customer_initial (initial, sort_name, source_name, remote_id, customer_id)
                VALUES (?, ?, ?, ?, ?)
                """)
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        while let row = try rows.next() {
            let remoteID: String = row[3]
            let texts: [String?] = [row[4], row[5], row[6], row[7], row[8], remoteID]
            for initial in CustomerInitials.of(texts) {
                try insert.execute(arguments: [initial, row[1], row[2], remoteID, row[0]])
                counts[initial, default: 0] += 1
            }
        }
        // One statement per list whose count moved, not per row.
        let count = try db.cachedStatement(
            sql: """
                INSERT INTO dash_customer_initial_count (initial, rows) VALUES (?, ?)
                ON CONFLICT (initial) DO UPDATE SET rows = rows + excluded.rows
                """)
        for (initial, change) in counts where change != 0 { try count.execute(arguments: [initial, change]) }
    }
}
