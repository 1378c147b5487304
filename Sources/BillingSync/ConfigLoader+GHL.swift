import BillingCore
import Foundation
import TOMLKit

/// The `[[source]] kind = "ghl"` tables of config.toml (the billing sources are `ConfigLoader.load`'s).
extension ConfigLoader {
    /// The GHL locations of the file at `path`; none when the file does not exist.
    public static func loadGHL(
        path: String, environment: [String: String] = ProcessInfo.processInfo.environment, resolveSecrets: Bool = true
    ) throws -> [GHLSource] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        if let problem = FilePermissions.configProblem(path) { throw ConfigError(problem) }
        return try parseGHL(
            String(decoding: data, as: UTF8.self), path: path, environment: environment, resolveSecrets: resolveSecrets)
    }

    public static func parseGHL(
        _ text: String, path: String, environment: [String: String] = [:], resolveSecrets: Bool = true
    ) throws -> [GHLSource] {
        // The billing parse validates the file as a whole (unknown top-level keys, bad TOML) first.
        _ = try parse(text, path: path, environment: environment, resolveSecrets: false)
        guard let table = try? TOMLTable(string: text), let array = table["source"]?.array else { return [] }
        var sources: [GHLSource] = []
        for index in 0..<array.count {
            guard let source = array[index].table, source["kind"]?.string == "ghl" else { continue }
            let base = SourceTable(table: source, index: index, path: path, text: text)
            sources.append(
                try GHLSourceTable(base: base).make(environment: environment, resolveSecrets: resolveSecrets))
        }
        return sources
    }
}
