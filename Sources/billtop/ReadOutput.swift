import BillingCore
import Foundation
import TUIKit

/// Prints rows as a padded table, CSV or JSON; every cell is sanitised first.
struct ReadOutput {
    let headers: [String]
    let rows: [[String]]

    func table() -> String {
        let clean = rows.map { $0.map(TextSanitizer.clean) }
        var widths = headers.map { DisplayWidth.of($0) }
        for row in clean {
            for (i, cell) in row.enumerated() { widths[i] = min(max(widths[i], DisplayWidth.of(cell)), 48) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                TextLayout.fit(cell, width: widths[i])
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        return ([line(headers)] + clean.map(line)).joined(separator: "\n") + "\n"
    }

    /// Sanitised, quoted when needed, and formula-safe: the writer every export uses.
    func csv() -> String { CSVWriter.document(header: headers, rows: rows) }

    /// JSON of sanitised objects (keys in header order, which JSONSerialization does not keep: sorted).
    func json() -> String {
        let objects = rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(headers, row.map(TextSanitizer.clean)))
        }
        let data =
            (try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys]))
            ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    func render(_ options: OutputOptions) -> String {
        options.json ? json() : options.csv ? csv() : table()
    }
}
