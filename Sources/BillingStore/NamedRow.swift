import GRDB

/// A fetched row read by column name through an index of its query's columns, built once per query.
///
/// Why: GRDB's `row["name"]` lowercases the name and then every column name until one matches, on every
/// access. Decoding 104k subscriptions (~35 columns read by name each) lowercased ~130M strings: ~12% of an
/// aggregates refresh at 100k customers (`perf` of `billtop mrr`). Here a lookup is one dictionary probe.
struct NamedRow {
    /// Column name -> position, shared by every row of one query.
    final class Columns: Sendable {
        let positions: [String: Int]

        init(_ row: Row) {
            var positions: [String: Int] = [:]
            for (index, name) in row.columnNames.enumerated() where positions[name] == nil { positions[name] = index }
            self.positions = positions
        }
    }

    let row: Row
    let columns: Columns

    init(_ row: Row, columns: Columns? = nil) {
        self.row = row
        self.columns = columns ?? Columns(row)
    }

    /// The rows of one query, sharing one column index.
    static func all(_ rows: [Row]) -> [NamedRow] {
        guard let first = rows.first else { return [] }
        let columns = Columns(first)
        return rows.map { NamedRow($0, columns: columns) }
    }

    private func position(_ name: String) -> Int {
        guard let index = columns.positions[name] else { preconditionFailure("the query has no column \(name)") }
        return index
    }

    // The same two overloads as GRDB's `Row` (optionals are themselves convertible); the second takes GRDB's
    // fast path for the column types that have one.
    subscript<Value: DatabaseValueConvertible>(_ name: String) -> Value { row[position(name)] }
    subscript<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ name: String) -> Value {
        row[position(name)]
    }
}

extension Array where Element == Row {
    /// These rows of one query, read by name through one shared column index.
    var namedRows: [NamedRow] { NamedRow.all(self) }
}
