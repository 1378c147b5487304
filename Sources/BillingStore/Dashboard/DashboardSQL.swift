import BillingCore
import GRDB

/// SQL pieces shared by the dashboard's queries (`CustomerRows`, `InvoiceList`).
enum DashboardSQL {
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
