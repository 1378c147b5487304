import BillingCore
import Foundation
import TOMLKit

/// One `[[source]]` table being validated; every error names the file, line and key.
struct SourceTable {
    let table: TOMLTable
    let index: Int
    let path: String
    let text: String

    func fail(_ key: String, _ message: String) -> ConfigError {
        ConfigError("\(path):\(ConfigLoader.line(of: key, in: text, section: index)): key '\(key)': \(message)")
    }

    func string(_ key: String, required: Bool) throws -> String? {
        guard let value = table[key] else {
            if required { throw fail(key, "missing in source #\(index + 1); add \(key) = \"...\"") }
            return nil
        }
        guard let text = value.string else { throw fail(key, "must be a quoted string") }
        return text
    }

    func int(_ key: String, range: ClosedRange<Int>) throws -> Int? {
        guard let value = table[key] else { return nil }
        guard let number = value.int, range.contains(number) else {
            throw fail(key, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = table[key] else { return nil }
        guard let flag = value.bool else { throw fail(key, "must be true or false (without quotes)") }
        return flag
    }

    /// `actions = ["resend_invoice", ...]`: each a known action name.
    func actions() throws -> Set<ActionKind>? {
        guard let value = table["actions"] else { return nil }
        guard let array = value.array else {
            throw fail("actions", "must be a list of action names: [\"resend_invoice\"]")
        }
        var kinds: Set<ActionKind> = []
        for index in 0..<array.count {
            guard let name = array[index].string, let kind = ActionKind(rawValue: name) else {
                throw fail("actions", "unknown action name; use some of: \(ActionKind.names)")
            }
            kinds.insert(kind)
        }
        return kinds
    }

    func make(environment: [String: String], resolveSecrets: Bool) throws -> SourceConfig {
        for key in table.keys where !ConfigLoader.allowedKeys.contains(key) {
            throw fail(key, "unknown key; allowed: \(ConfigLoader.allowedKeys.sorted().joined(separator: ", "))")
        }
        let name = try string("name", required: true) ?? ""
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw fail("name", "use letters, digits, '-' or '_'")
        }
        let kindText = try string("kind", required: true) ?? ""
        guard let kind = SourceConfig.Kind(rawValue: kindText) else {
            throw fail("kind", "must be \"chargify\" or \"truto\"")
        }
        let url = try string("url", required: kind == .chargify) ?? "https://api.truto.one"
        let allowInsecureHTTP = try bool("allow_insecure_http") ?? false
        if let problem = SourceURL.problem(url, allowInsecureHTTP: allowInsecureHTTP) {
            throw fail("url", SourceURL.configMessage(problem))
        }
        let account = try string("account", required: kind == .truto) ?? ""
        let keyEnv = try string("key_env", required: false)
        let keyFile = try string("key_file", required: false)
        if keyEnv != nil && keyFile != nil { throw fail("key_file", "set key_env or key_file, not both") }
        var secret = ""
        if resolveSecrets {
            if let keyFile {
                secret = try KeyFile.read(keyFile, environment: environment) { self.fail("key_file", $0) }
            } else {
                let variable = keyEnv ?? (kind == .chargify ? "BILLTOP_API_KEY" : "BILLTOP_TOKEN")
                guard let value = environment[variable], !value.isEmpty else {
                    throw fail(
                        keyEnv == nil ? "name" : "key_env",
                        "the environment variable \(variable) holding the key for source \(name) is not set")
                }
                secret = value
            }
        }
        return SourceConfig(
            name: name, kind: kind, baseURL: url, account: account, secret: secret,
            intervalSeconds: try int("interval", range: 5...86_400) ?? 60,
            maxInFlight: try int("max_in_flight", range: 1...16) ?? 4,
            pageSize: try int("page_size", range: 1...200) ?? 200,
            overlapSeconds: try int("overlap", range: 0...86_400) ?? 300,
            requestsPerHour: try int("requests_per_hour", range: 1...1_000_000), allowInsecureHTTP: allowInsecureHTTP,
            maxResponseBytes: (try int("max_response_mb", range: ResponseLimit.configurableMegabytes) ?? ResponseLimit
                .defaultBytes >> 20) << 20,
            readOnly: try bool("read_only") ?? false, allowedActions: try actions())
    }
}
