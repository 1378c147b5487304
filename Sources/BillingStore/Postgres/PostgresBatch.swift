import Foundation

/// Many rows sent as one statement parameter: a JSON array of objects that the statement unpacks with
/// `jsonb_to_recordset` (`PostgresBatch.recordset`). A page of 200 invoices with their lines is then a handful
/// of statements instead of a round trip per row, and every value is still a bound parameter, never SQL text.
/// Every text is made storable first (`PostgresText.safe`: jsonb refuses U+0000 as text does).
struct PostgresBatch: Encodable {
    /// One column's value; nil is JSON null, which the recordset reads as SQL NULL.
    enum Cell: Encodable {
        case text(String?)
        case int(Int64?)
        case bool(Bool?)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(.some(let text)): try container.encode(PostgresText.safe(text))
            case .int(.some(let int)): try container.encode(int)
            case .bool(.some(let bool)): try container.encode(bool)
            case .text(.none), .int(.none), .bool(.none): try container.encodeNil()
            }
        }
    }

    private(set) var rows: [[String: Cell]] = []

    var isEmpty: Bool { rows.isEmpty }

    mutating func append(_ row: [String: Cell]) { rows.append(row) }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rows)
    }

    /// The rows as the JSON text to bind.
    func json() throws -> String {
        String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
    }
}
