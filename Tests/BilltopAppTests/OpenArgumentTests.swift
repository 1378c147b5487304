import BilltopApp
import Testing

/// `billtop open ARG` read without trusting it: every kind of argument, and hostile or malformed text.
struct OpenArgumentTests {
    func parse(_ text: String) throws -> OpenArgument { try OpenArgument.parse(text) }

    func failure(_ text: String) -> String? {
        do {
            _ = try OpenArgument.parse(text)
            return nil
        } catch { return error.message }
    }

    @Test func emailsAndTextsAreTold() throws {
        #expect(try parse("  amara@x.com\n") == .email("amara@x.com"))
        #expect(try parse("1042") == .text("1042"))
        #expect(try parse("CRM-001") == .text("CRM-001"))
    }

    @Test func adminURLsNameTheirObject() throws {
        #expect(
            try parse("https://Acme.Chargify.com/customers/123")
                == .adminURL(host: "acme.chargify.com", port: 443, object: .customer, id: "123"))
        #expect(
            try parse("https://acme.chargify.com/subscriptions/456/edit?tab=x#y")
                == .adminURL(host: "acme.chargify.com", port: 443, object: .subscription, id: "456"))
        #expect(
            try parse("http://127.0.0.1:8080/invoices/inv_abc123.json")
                == .adminURL(host: "127.0.0.1", port: 8080, object: .invoice, id: "inv_abc123"))
        // The first known object with a well-formed id wins; a malformed one is skipped.
        #expect(
            try parse("https://acme.chargify.com/customers/12x/subscriptions/7")
                == .adminURL(host: "acme.chargify.com", port: 443, object: .subscription, id: "7"))
    }

    @Test func hostileAndMalformedTextGetsOneSanitisedLine() throws {
        #expect(failure("   ")?.contains("give billtop open an email") == true)
        #expect(failure(String(repeating: "9", count: 3_000))?.contains("more than 2048") == true)
        let scheme = try #require(failure("javascript://alert(1)\u{1B}[2J"))
        #expect(scheme.contains("not an http(s) URL") && !scheme.contains("\u{1B}"))
        let noObject = try #require(failure("https://acme.chargify.com/dashboard\u{202E}"))
        #expect(noObject.contains("names no customer") && !noObject.contains("\u{202E}"))
        #expect(failure("https://acme.chargify.com/customers/1;DROP")?.contains("names no customer") == true)
        #expect(failure("https:///customers/1")?.contains("cannot read the URL") == true)
        // A text with escapes is a text: it will simply match nothing (and is sanitised when echoed).
        #expect(try parse("\u{1B}]0;pwned\u{7}") == .text("\u{1B}]0;pwned\u{7}"))
    }
}
