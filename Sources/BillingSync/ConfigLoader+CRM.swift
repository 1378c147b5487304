import BillingCore
import Foundation
import TOMLKit

/// The `[crm]` table of config.toml: what billtop writes to the CRM by itself.
public struct CRMSettings: Sendable, Hashable {
    /// Create a GHL task for the contact's owner when an account reaches a dunning stage (off by default).
    public var dunningTasks: Bool

    public init(dunningTasks: Bool = false) { self.dunningTasks = dunningTasks }
}

extension ConfigLoader {
    /// The `[crm]` settings of the file at `path`; the defaults when the file or the table is missing.
    public static func loadCRM(path: String) throws -> CRMSettings {
        guard let data = FileManager.default.contents(atPath: path) else { return CRMSettings() }
        return try parseCRM(String(decoding: data, as: UTF8.self), path: path)
    }

    public static func parseCRM(_ text: String, path: String) throws -> CRMSettings {
        guard let table = try? TOMLTable(string: text), let value = table["crm"] else { return CRMSettings() }
        let line = line(of: "crm", in: text, section: nil)
        guard let crm = value.table else { throw ConfigError("\(path):\(line): 'crm' must be a [crm] table") }
        var settings = CRMSettings()
        for key in crm.keys {
            switch key {
            case "dunning_tasks":
                guard let flag = crm[key]?.bool else {
                    throw ConfigError("\(path):\(line): [crm] dunning_tasks must be true or false")
                }
                settings.dunningTasks = flag
            default:
                throw ConfigError(
                    "\(path):\(line): unknown key '\(TextSanitizer.clean(key))' in [crm]; expected dunning_tasks")
            }
        }
        return settings
    }
}
