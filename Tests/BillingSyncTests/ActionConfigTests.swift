import BillingCore
import BillingSync
import Testing

/// The two action keys of a `[[source]]` (issue 17): `read_only` and the `actions` allowlist.
@Suite struct ActionConfigTests {
    func parse(_ extra: String) throws -> SourceConfig {
        let text = """
            [[source]]
            name = "acme"
            kind = "chargify"
            url = "https://acme.chargify.com"
            \(extra)
            """
        return try #require(try ConfigLoader.parse(text, path: "c.toml", resolveSecrets: false).first)
    }

    @Test func readOnlyAndTheAllowlistAreRead() throws {
        let plain = try parse("")
        #expect(!plain.readOnly && plain.allowedActions == nil, "by default every action is allowed")
        #expect(try parse("read_only = true").readOnly)
        #expect(
            try parse(#"actions = ["resend_invoice", "card_update_email"]"#).allowedActions == [
                .resendInvoice, .cardUpdateEmail,
            ])
        #expect(try parse("actions = []").allowedActions == [])
    }

    @Test func aBadValueNamesTheLineAndWhatToWrite() {
        #expect(throws: ConfigError.self) { try parse(#"read_only = "yes""#) }
        do {
            _ = try parse(#"actions = ["resend", "add_note"]"#)
            Issue.record("an unknown action name was accepted")
        } catch {
            #expect("\(error)".contains("c.toml:5: key 'actions'") && "\(error)".contains("resend_invoice"))
        }
        #expect(throws: ConfigError.self) { try parse(#"actions = "add_note""#) }
    }

    @Test func theTemplateShowsBothKeys() {
        #expect(ConfigLoader.template.contains("# read_only = true"))
        #expect(ConfigLoader.template.contains(#"# actions = ["resend_invoice", "card_update_email"]"#))
    }
}
