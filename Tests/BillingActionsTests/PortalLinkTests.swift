import BillingActions
import Foundation
import Testing

/// The billing-portal link a hostile server sends is shown only when it is a plain http(s) URL.
struct PortalLinkTests {
    @Test func aPlainHTTPSLinkIsKeptWithItsExpiry() throws {
        let body = Data(
            #"{"url":"https://acme.chargifypay.com/portal/abc?t=1","expires_at":"2027-01-01T00:00:00Z"}"#.utf8)
        let link = try #require(BillingPortalLink.parse(body))
        #expect(link.url == "https://acme.chargifypay.com/portal/abc?t=1")
        #expect(link.line == "billing portal: https://acme.chargifypay.com/portal/abc?t=1 (valid until 2027-01-01)")
    }

    @Test(arguments: [
        #"{"url":"javascript:alert(1)"}"#, #"{"url":"https://evil.test/\u001b[2Jx"}"#, #"{"url":"ftp://x.test/a"}"#,
        #"{"url":"https://"}"#, #"{"url":42}"#, "not json", #"{"url":"https://x.test/a b"}"#,
    ])
    func anythingElseIsNoLink(body: String) {
        #expect(BillingPortalLink.parse(Data(body.utf8)) == nil)
    }
}
