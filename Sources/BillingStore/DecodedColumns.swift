import GRDB

/// The column list a record read selects: every column `RowDecoder` may read, never the raw JSON.
///
/// Why: `SELECT *` copied each row's raw text (subscriptions ~1.7 KB, customers ~0.5 KB) into memory that
/// nothing read: an aggregates refresh at 100k customers held ~230 MB of it at once.
enum DecodedColumns {
    /// `table`'s columns but `raw`, quoted and comma-separated, in table order (a PRAGMA read, microseconds).
    static func list(_ db: Database, _ table: String) throws -> String {
        try String.fetchAll(
            db, sql: "SELECT name FROM pragma_table_info(?) WHERE name != 'raw' ORDER BY cid", arguments: [table]
        )
        .map { "\"\($0)\"" }
        .joined(separator: ", ")
    }
}
