import BillingCore
import Foundation
import TOMLKit

extension ConfigLoader {
    /// The top-level `store = "..."` of the config at `path` (a PostgreSQL URL or a SQLite file), or nil when the
    /// file or the key is absent. The executable decides what the value means (`StoreChoice`, issue 18).
    public static func storeSetting(path: String) throws -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw ConfigError("\(path):\(error.source.begin.line): \(TextSanitizer.clean(error.description))")
        }
        guard let value = table["store"] else { return nil }
        guard let string = value.string, !string.isEmpty else {
            throw ConfigError(
                "\(path):\(line(of: "store", in: text, section: nil)): 'store' must be a quoted postgres:// URL or file path"
            )
        }
        return string
    }
}
