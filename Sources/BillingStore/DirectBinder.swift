import GRDB

/// Binds a hot statement's arguments straight into SQLite, in order, through GRDB's public `StatementBinding`
/// (`sqlite3_bind_*`), instead of building a `StatementArguments` array that GRDB then converts to
/// `DatabaseValue`s, validates against the statement and binds (the upserts' binding was ~18% of their
/// samples). The caller binds exactly the statement's `?` parameters, in order; a missing one would be NULL.
struct DirectBinder {
    private let handle: SQLiteStatement
    private var index: CInt = 0

    /// Resets the statement and clears its bindings. GRDB then counts its arguments as bound, so the next
    /// `execute()` or fetch of it only resets the statement (which keeps the bindings made here).
    init(_ statement: Statement) {
        statement.setUncheckedArguments([])
        handle = statement.sqliteStatement
    }

    /// Binds the next parameter (`nil` binds NULL).
    mutating func callAsFunction(_ value: some StatementBinding) {
        index += 1
        let code = value.bind(to: handle, at: index)
        // sqlite3_bind_* fail only on misuse (an index past the statement's parameters, a finalized statement).
        precondition(code == 0, "binding parameter \(index) failed with SQLite code \(code)")
    }
}
