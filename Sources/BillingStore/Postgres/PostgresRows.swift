import GRDB
import PostgresNIO

/// PostgreSQL rows read as the SQLite store's rows, so one decoder (`RowDecoder`, by column name) turns either
/// engine's columns into BillingCore values: the tables have the same columns, integers, texts and booleans
/// (SQLite's booleans are integers, which GRDB reads as `Bool` too). Reads only; nothing is written this way.
enum PostgresRows {
    /// Every row of `rows`, each a GRDB row keyed by column name. Each row gets its own column index: a row built
    /// from a dictionary has its columns in that dictionary's order, which differs from row to row, so the shared
    /// index SQLite's rows use (`namedRows`) read the wrong columns from the second row on.
    static func all(_ rows: PostgresRowSequence) async throws -> [NamedRow] {
        var read: [NamedRow] = []
        for try await row in rows { read.append(NamedRow(try self.row(row))) }
        return read
    }

    static func row(_ row: PostgresRow) throws -> Row {
        var values: [String: (any DatabaseValueConvertible)?] = [:]
        for cell in row {
            guard cell.bytes != nil else {
                values[cell.columnName] = DatabaseValue.null
                continue
            }
            switch cell.dataType {
            case .int2, .int4, .int8: values[cell.columnName] = try cell.decode(Int64.self)
            case .bool: values[cell.columnName] = try cell.decode(Bool.self)
            default: values[cell.columnName] = try cell.decode(String.self)
            }
        }
        return Row(values)
    }
}
