import BillingCore
import Foundation
import TOMLKit

/// A `[[source]]` table with `kind = "ghl"`, validated with the same one-line errors as a billing source.
struct GHLSourceTable {
    static let allowedKeys: Set<String> = [
        "name", "kind", "url", "location_id", "key_env", "key_file", "interval", "page_size", "overlap",
        "allow_insecure_http", "max_response_mb", "write_back_field", "write_back_tag", "billing_source",
    ]

    let base: SourceTable

    func make(environment: [String: String], resolveSecrets: Bool) throws -> GHLSource {
        for key in base.table.keys where !Self.allowedKeys.contains(key) {
            throw base.fail(
                key, "unknown key for a ghl source; allowed: \(Self.allowedKeys.sorted().joined(separator: ", "))")
        }
        let name = try base.string("name", required: true) ?? ""
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw base.fail("name", "use letters, digits, '-' or '_'")
        }
        let url = try base.string("url", required: false) ?? GHLSource.defaultURL
        let allowInsecureHTTP = try base.bool("allow_insecure_http") ?? false
        if let problem = SourceURL.problem(url, allowInsecureHTTP: allowInsecureHTTP) {
            throw base.fail("url", SourceURL.configMessage(problem))
        }
        let location = try base.string("location_id", required: true) ?? ""
        guard !location.isEmpty else { throw base.fail("location_id", "must not be empty") }
        let keyEnv = try base.string("key_env", required: false)
        let keyFile = try base.string("key_file", required: false)
        if keyEnv != nil && keyFile != nil { throw base.fail("key_file", "set key_env or key_file, not both") }
        var secret = ""
        if resolveSecrets {
            if let keyFile {
                secret = try KeyFile.read(keyFile, environment: environment) { base.fail("key_file", $0) }
            } else {
                let variable = keyEnv ?? "BILLTOP_GHL_TOKEN"
                guard let value = environment[variable], !value.isEmpty else {
                    throw base.fail(
                        keyEnv == nil ? "name" : "key_env",
                        "the environment variable \(variable) holding the GHL token for source \(name) is not set")
                }
                secret = value
            }
        }
        return GHLSource(
            name: name, baseURL: url, locationID: location, secret: secret,
            pageSize: try base.int("page_size", range: 1...500) ?? 500,
            overlapSeconds: try base.int("overlap", range: 0...86_400) ?? 300,
            intervalSeconds: try base.int("interval", range: 5...86_400) ?? 300,
            allowInsecureHTTP: allowInsecureHTTP,
            maxResponseBytes: (try base.int("max_response_mb", range: ResponseLimit.configurableMegabytes)
                ?? ResponseLimit.defaultBytes >> 20) << 20,
            writeBackField: try base.string("write_back_field", required: false),
            writeBackTag: try base.string("write_back_tag", required: false) ?? "billing-customer",
            billingSource: try base.string("billing_source", required: false))
    }
}
