import GRDB
import PostgresNIO

/// PostgreSQL rows read as the SQLite store's rows, so one decoder (`RowDecoder`, by column name) turns either
/// engine's columns into BillingCore values: the tables have the same columns, integers, texts and booleans
/// (SQLite's booleans are integers, which GRDB reads as `Bool` too). Reads only; nothing is written this way.
enum PostgresRows {
    /// Every row of `rows`, read by column name through one index of the query's columns (a result's columns
    /// are in the same order in every row).
    static func all(_ rows: PostgresRowSequence) async throws -> [NamedRow] {
        var read: [NamedRow] = []
        var columns: NamedRow.Columns?
        for try await row in rows {
            let shared = columns ?? NamedRow.Columns(names: row.map(\.columnName))
            columns = shared
            read.append(NamedRow(values: try values(row), columns: shared))
        }
        return read
    }

    /// The row's values in its columns' order: integers, booleans (as SQLite's 0/1) and everything else as text.
    private static func values(_ row: PostgresRow) throws -> [DatabaseValue] {
        var values: [DatabaseValue] = []
        values.reserveCapacity(row.count)
        for cell in row {
            guard cell.bytes != nil else {
                values.append(.null)
                continue
            }
            switch cell.dataType {
            case .int2, .int4, .int8: values.append(try cell.decode(Int64.self).databaseValue)
            case .bool: values.append(try cell.decode(Bool.self).databaseValue)
            default: values.append(try cell.decode(String.self).databaseValue)
            }
        }
        return values
    }
}
