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
        let names: [String]

        convenience init(_ row: Row) { self.init(names: Array(row.columnNames)) }

        init(names: [String]) {
            var positions: [String: Int] = [:]
            for (index, name) in names.enumerated() where positions[name] == nil { positions[name] = index }
            self.positions = positions
            self.names = names
        }
    }

    /// A GRDB row (SQLite), or a PostgreSQL row's values in its query's column order: a row built for GRDB
    /// from a dictionary takes that dictionary's order, which differs from row to row, so it needed its own
    /// index, and the two dictionaries cost a quarter of a viewer's first copy (`perf`).
    private enum Storage {
        case row(Row)
        case values([DatabaseValue])
    }

    private let storage: Storage
    let columns: Columns

    init(_ row: Row, columns: Columns? = nil) {
        self.storage = .row(row)
        self.columns = columns ?? Columns(row)
    }

    /// A row of one query's values, in the order of `columns`.
    init(values: [DatabaseValue], columns: Columns) {
        self.storage = .values(values)
        self.columns = columns
    }

    /// The row as GRDB's, for the decoders that take one (a CRM contact, a note, a journal entry).
    var row: Row {
        switch storage {
        case .row(let row): return row
        case .values(let values):
            return Row(
                Dictionary(
                    zip(columns.names, values.map { $0 as (any DatabaseValueConvertible)? }),
                    uniquingKeysWith: { first, _ in first }))
        }
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

    /// A value as GRDB's row reads it: NULL is nil for an optional, and a value that does not convert stops
    /// the process (a decoder asking for the wrong type is a bug, as with GRDB).
    private func decoded<Value: DatabaseValueConvertible>(_ values: [DatabaseValue], _ name: String) -> Value {
        let value = values[position(name)]
        guard let decoded = Value.fromDatabaseValue(value) else {
            preconditionFailure("column \(name): \(value) is not a \(Value.self)")
        }
        return decoded
    }

    // The same two overloads as GRDB's `Row` (optionals are themselves convertible); the second takes GRDB's
    // fast path for the column types that have one.
    subscript<Value: DatabaseValueConvertible>(_ name: String) -> Value {
        switch storage {
        case .row(let row): return row[position(name)]
        case .values(let values): return decoded(values, name)
        }
    }
    subscript<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ name: String) -> Value {
        switch storage {
        case .row(let row): return row[position(name)]
        case .values(let values): return decoded(values, name)
        }
    }
}

extension Array where Element == Row {
    /// These rows of one query, read by name through one shared column index.
    var namedRows: [NamedRow] { NamedRow.all(self) }
}
