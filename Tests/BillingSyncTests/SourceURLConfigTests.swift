import Foundation
import Testing

@testable import BillingSync

/// config.toml's URL rules: plain http to a remote host needs `allow_insecure_http = true`, credentials in
/// the URL are refused without being echoed, and `max_response_mb` sets the response cap.
@Suite struct SourceURLConfigTests {
    let env = ["BILLTOP_API_KEY": "k-123"]

    func source(_ lines: String) throws -> SourceConfig? {
        try ConfigLoader.parse(
            "[[source]]\nname = \"acme\"\nkind = \"chargify\"\n" + lines, path: "c.toml", environment: env
        ).first
    }

    func message(_ lines: String) -> String {
        do {
            _ = try source(lines)
            return "no error"
        } catch { return "\(error)" }
    }

    @Test func remotePlainHTTPNeedsTheSourcesConsent() throws {
        #expect(
            message("url = \"http://acme.example.com\"")
                == "c.toml:4: key 'url': plain http would send the key to acme.example.com unencrypted; use https://, "
                + "or add allow_insecure_http = true to this [[source]] if you accept that")
        let allowed = try source("url = \"http://acme.example.com\"\nallow_insecure_http = true")
        #expect(allowed?.allowInsecureHTTP == true && allowed?.baseURL == "http://acme.example.com")
        #expect(try source("url = \"http://127.0.0.1:4000\"")?.allowInsecureHTTP == false)
        #expect(
            message("url = \"http://acme.example.com\"\nallow_insecure_http = \"yes\"")
                == "c.toml:5: key 'allow_insecure_http': must be true or false (without quotes)")
    }

    @Test func credentialsInTheURLAreRefusedWithoutEchoingThem() {
        let line = message("url = \"https://user:hunter2@acme.chargify.com\"")
        #expect(
            line
                == "c.toml:4: key 'url': holds credentials (user:password@); remove them and give the key with key_env or key_file"
        )
    }

    @Test func maxResponseMegabytesSetsTheCap() throws {
        #expect(try source("url = \"https://acme.chargify.com\"")?.maxResponseBytes == 64 << 20)
        #expect(try source("url = \"https://acme.chargify.com\"\nmax_response_mb = 2")?.maxResponseBytes == 2 << 20)
        #expect(
            message("url = \"https://acme.chargify.com\"\nmax_response_mb = 0").hasPrefix(
                "c.toml:5: key 'max_response_mb': must be a whole number from 1 to 256"))
    }
}
