import Foundation
import TestSupport
import Testing

@testable import BillingSync

@Suite struct ConfigLoaderTests {
    let env = ["BILLTOP_API_KEY": "k-123", "ACME_TOKEN": "t-456"]

    @Test func readsSourcesWithDefaults() throws {
        let text = """
            [[source]]
            name = "acme"
            kind = "chargify"
            url = "https://acme.chargify.com"

            [[source]]
            name = "acme-truto"
            kind = "truto"
            account = "abc"
            key_env = "ACME_TOKEN"
            interval = 30
            """
        let sources = try ConfigLoader.parse(text, path: "c.toml", environment: env)
        #expect(sources.map(\.name) == ["acme", "acme-truto"])
        #expect(sources[0].secret == "k-123" && sources[0].pageSize == 200 && sources[0].maxInFlight == 4)
        #expect(
            sources[1].baseURL == "https://api.truto.one" && sources[1].secret == "t-456"
                && sources[1].intervalSeconds == 30)
    }

    @Test func errorsNameFileLineAndKey() {
        func message(_ text: String) -> String {
            do {
                _ = try ConfigLoader.parse(text, path: "c.toml", environment: env)
                return "no error"
            } catch { return "\(error)" }
        }
        #expect(
            message("[[source]]\nname = \"a\"\nkind = \"stripe\"\nurl = \"https://x\"")
                == "c.toml:3: key 'kind': must be \"chargify\" or \"truto\"")
        #expect(
            message("[[source]]\nname = \"a\"\nkind = \"chargify\"\nurl = \"https://x\"\ninterval = \"soon\"")
                .hasPrefix("c.toml:5: key 'interval'"))
        #expect(
            message("[[source]]\nname = \"a\"\nkind = \"chargify\"\nurl = \"https://x\"\nkey_envv = \"X\"").hasPrefix(
                "c.toml:5: key 'key_envv': unknown key"))
        #expect(message("[[source]]\nname = \"a\"\nkind = \"truto\"").hasPrefix("c.toml:1: key 'account': missing"))
        #expect(message("[[source]\nname = 1").hasPrefix("c.toml:1:"))
        #expect(
            message("[[source]]\nname = \"a\"\nkind = \"chargify\"\nurl = \"https://x\"\nkey_env = \"NOPE\"").contains(
                "NOPE"))
    }

    @Test func keyFilesMustBeOwnerOnly() throws {
        let dir = TestScratch.directory("cfg")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let key = dir.appendingPathComponent("acme.key").path
        _ = FileManager.default.createFile(
            atPath: key, contents: Data("secret-key\n".utf8), attributes: [.posixPermissions: 0o644])
        let text = "[[source]]\nname = \"a\"\nkind = \"chargify\"\nurl = \"https://x.example\"\nkey_file = \"\(key)\""
        #expect(throws: ConfigError.self) { try ConfigLoader.parse(text, path: "c.toml") }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
        #expect(try ConfigLoader.parse(text, path: "c.toml").first?.secret == "secret-key")
    }

    @Test func templateParses() throws {
        let sources = try ConfigLoader.parse(ConfigLoader.template, path: "t.toml", environment: env)
        #expect(sources.count == 1)
    }

    @Test func redactorRemovesEveryFormOfTheKey() {
        let r = SecretRedactor(secrets: ["s3cr3t/key"])
        let basic = Data("s3cr3t/key:x".utf8).base64EncodedString()
        let cleaned = r.clean("k=s3cr3t/key auth=Basic \(basic) url=s3cr3t%2Fkey \u{1B}[2J")
        #expect(!cleaned.contains("s3cr3t") && !cleaned.contains(basic) && !cleaned.contains("\u{1B}"))
    }
}
