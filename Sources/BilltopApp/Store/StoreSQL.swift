import BillingCore
import BillingStore
import GRDB

/// SQL pieces shared by `StoreDashboardData`'s queries: the sort keys of `RowOrder` as SQLite functions,
/// so the store orders rows exactly as the in-memory fixture does.
enum StoreSQL {
    /// `face_value(minor, currency)`: `RowOrder.faceValue` of the amount (comparable across exponents).
    static let faceValue = DatabaseFunction("billtop_face_value", argumentCount: 2, pure: true) { values in
        guard let minor = Int64.fromDatabaseValue(values[0]) else { return 0 }
        let code = String.fromDatabaseValue(values[1]) ?? ""
        guard let currency = Currency(code) else { return minor * 10 }
        return RowOrder.faceValue(Money(minorUnits: minor, currency: currency))
    }

    /// `state_rank(state)`: `RowOrder.stateRank` of a subscription state's API spelling.
    static let stateRank = DatabaseFunction("billtop_state_rank", argumentCount: 1, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]) else { return RowOrder.stateRank(nil) }
        return RowOrder.stateRank(SubscriptionState(apiValue: text))
    }

    /// Registers the functions on the connection a read runs on (cheap; connections come from a pool).
    static func prepare(_ db: Database) {
        db.add(function: faceValue)
        db.add(function: stateRank)
    }

    /// An FTS5 query where every word of `text` (the first `SearchWords.limit`) is a quoted prefix term; nil
    /// when no word remains.
    static func prefixQuery(_ text: String) -> String? {
        let words = SearchWords.split(text)
        guard !words.isEmpty else { return nil }
        return words.map { "\"\($0)\"*" }.joined(separator: " ")
    }

    /// One ORDER BY term; `flipped` reverses it (a descending query reverses the whole order).
    struct Term {
        var expression: String
        var ascending: Bool

        func sql(flipped: Bool) -> String { "\(expression) \(ascending != flipped ? "ASC" : "DESC")" }
    }

    static func orderBy(_ terms: [Term], descending: Bool) -> String {
        terms.map { $0.sql(flipped: descending) }.joined(separator: ", ")
    }

    /// The API spellings of the collectible invoice statuses, as an SQL list literal.
    static let collectible: String = [InvoiceStatus.open, .pending, .processing, .failed]
        .map { "'\($0.apiValue)'" }.joined(separator: ", ")

    /// A customer built from the columns of a `customer` row (the fields the panes show).
    static func customer(_ row: Row) -> Customer {
        Customer(
            id: row["remote_id"], firstName: row["first_name"], lastName: row["last_name"], email: row["email"],
            organization: row["organization"], reference: row["reference"])
    }
}
