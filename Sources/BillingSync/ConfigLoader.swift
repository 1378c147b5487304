import BillingCore
import Foundation
import TOMLKit

/// Reads `config.toml`: one `[[source]]` table per billing account.
public enum ConfigLoader {
    static let allowedKeys: Set<String> = [
        "name", "kind", "url", "account", "key_env", "key_file", "interval", "page_size", "overlap", "max_in_flight",
        "requests_per_hour",
        "allow_insecure_http", "max_response_mb", "read_only", "actions",
    ]

    /// `$BILLTOP_CONFIG`, else `$XDG_CONFIG_HOME/billtop/config.toml`, else `~/.config/billtop/config.toml`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["BILLTOP_CONFIG"], !explicit.isEmpty { return explicit }
        let base =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return base + "/billtop/config.toml"
    }

    /// Loads and validates the file; `resolveSecrets` also reads every key (env or 0600 key file).
    public static func load(
        path: String, environment: [String: String] = ProcessInfo.processInfo.environment, resolveSecrets: Bool = true
    ) throws -> [SourceConfig] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError("\(path): cannot read the file; create one with `billtop config init`")
        }
        if let problem = FilePermissions.configProblem(path) { throw ConfigError(problem) }
        return try parse(
            String(decoding: data, as: UTF8.self), path: path, environment: environment, resolveSecrets: resolveSecrets)
    }

    /// Parses config text (`path` is only used in messages).
    public static func parse(
        _ text: String, path: String, environment: [String: String] = [:], resolveSecrets: Bool = true
    ) throws -> [SourceConfig] {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw ConfigError("\(path):\(error.source.begin.line): \(TextSanitizer.clean(error.description))")
        }
        // `store` is read by `storeSetting` (issue 18).
        for key in table.keys where !["source", "metrics", "crm", "store"].contains(key) {
            throw ConfigError(
                "\(path):\(line(of: key, in: text, section: nil)): unknown key '\(TextSanitizer.clean(key))'; expected [[source]] tables"
            )
        }
        guard let value = table["source"] else { return [] }
        guard let array = value.array else {
            throw ConfigError(
                "\(path):\(line(of: "source", in: text, section: nil)): 'source' must be [[source]] tables")
        }
        var sources: [SourceConfig] = []
        var names: Set<String> = []
        for index in 0..<array.count {
            guard let source = array[index].table else {
                throw ConfigError("\(path): source #\(index + 1) is not a table; write it as [[source]]")
            }
            // A CRM location is not a billing account: `loadGHL` reads it.
            if source["kind"]?.string == "ghl" { continue }
            let config = try SourceTable(table: source, index: index, path: path, text: text)
                .make(environment: environment, resolveSecrets: resolveSecrets)
            guard names.insert(config.name).inserted else {
                throw ConfigError(
                    "\(path):\(line(of: "name", in: text, section: index)): key 'name': \"\(config.name)\" is used twice; names must be unique"
                )
            }
            sources.append(config)
        }
        return sources
    }

    /// The `[metrics]` settings of the config at `path`; the defaults when the file or the table is absent.
    public static func loadMetricsSettings(path: String) throws -> MetricsSettings {
        guard let data = FileManager.default.contents(atPath: path) else { return .standard }
        return try parseMetricsSettings(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses the `[metrics]` table of config text (`path` is only used in messages).
    public static func parseMetricsSettings(_ text: String, path: String) throws -> MetricsSettings {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw ConfigError("\(path):\(error.source.begin.line): \(TextSanitizer.clean(error.description))")
        }
        guard let value = table["metrics"] else { return .standard }
        guard let metrics = value.table else {
            throw ConfigError("\(path):\(MetricsTable.line(of: "", in: text)): 'metrics' must be a [metrics] table")
        }
        return try MetricsTable(table: metrics, path: path, text: text).make()
    }

    /// The 1-based line where `key` is set inside the `section`-th `[[source]]` (or at the top level).
    static func line(of key: String, in text: String, section: Int?) -> Int {
        var current = -1
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[[source]]") {
                current += 1
                if section == nil, key == "source" { return number + 1 }
                if current == section, key == "" { return number + 1 }
                continue
            }
            let matchesSection = section == nil ? current == -1 : current == section
            if matchesSection, line.hasPrefix(key),
                line.dropFirst(key.count).trimmingCharacters(in: .whitespaces).hasPrefix("=")
            {
                return number + 1
            }
        }
        return section.map { line(of: "", in: text, section: $0) } ?? 1
    }

    /// A commented template for `billtop config init`.
    public static let template = """
        # billtop configuration: one [[source]] table per billing account.
        # Keys never go in this file: name an environment variable (key_env) or a key file with mode 0600 (key_file).

        [[source]]
        name = "acme"                          # shown in the dashboard, used by --source
        kind = "chargify"                      # "chargify" (direct) or "truto" (unified API)
        url = "https://acme.chargify.com"      # Chargify site URL, or Truto's API base
        key_env = "BILLTOP_API_KEY"            # environment variable holding the API key
        # key_file = "~/.config/billtop/acme.key"   # or a file readable only by you (chmod 600)
        interval = 60                          # seconds between runs of `billtop sync --watch`
        # page_size = 200                      # records per page (Chargify's maximum is 200)
        # overlap = 300                        # seconds re-read before the previous run's start
        # requests_per_hour = 3600             # your plan's API budget: billtop paces itself to it (default: unpaced;
        #                                      # Chargify plans allow about 3,600 an hour; a first sync of 100k
        #                                      # customers needs about 10,000, customers and open invoices first)
        # max_response_mb = 64                 # a larger response is refused (an endless body, a gzip bomb)
        # allow_insecure_http = false          # true lets an http:// url that is not loopback carry the key unencrypted
        # read_only = true                     # refuse every action (resend, pay, note, ...) on this source
        # actions = ["resend_invoice", "card_update_email"]   # only these actions; the names: billtop audit --help

        # [metrics]
        # unpaid_counts_in_mrr = false         # true reproduces Chargify's own MRR report
        # reactivation_window_days = 365       # omit: any earlier MRR makes a return a reactivation
        # [metrics.conversion]                 # optional converted total; per-currency totals stay primary
        # target = "USD"
        # rate_date = "2026-06-01"
        # rates = { EUR = "1.0842", JPY = "0.0065" }   # quoted: exact decimals, never floats

        # [[source]]
        # name = "acme-truto"
        # kind = "truto"
        # url = "https://api.truto.one"
        # account = "00000000-0000-0000-0000-000000000000"   # integrated account id
        # key_env = "BILLTOP_TOKEN"

        """
}
