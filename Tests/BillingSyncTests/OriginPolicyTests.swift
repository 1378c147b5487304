import Foundation
import Testing

@testable import BillingSync

/// The pure rules behind "keys stay with their origin": which redirects may be followed, which hosts
/// count as loopback, and how a refused redirect or an oversized body is classified (never retried).
@Suite struct OriginPolicyTests {
    let from = URL(string: "https://acme.chargify.com/customers.json?per_page=200&page=1")!

    @Test func sameOriginRedirectsAreFollowedWithDefaultPortsAlike() {
        #expect(
            RedirectRule.decide(from: from, to: URL(string: "https://acme.chargify.com/v2/customers.json"), followed: 0)
                == .follow)
        #expect(
            RedirectRule.decide(from: from, to: URL(string: "https://ACME.chargify.com:443/x"), followed: 4) == .follow)
        let local = URL(string: "http://127.0.0.1:8080/a")!
        #expect(
            RedirectRule.decide(from: local, to: URL(string: "http://127.0.0.1:8080/b?x=1"), followed: 0) == .follow)
    }

    @Test(arguments: [
        "https://evil.example/customers.json?token=abc",  // another host
        "https://acme.chargify.com:8443/customers.json",  // another port
        "http://acme.chargify.com/customers.json?token=abc",  // https to http
        "https://acme.chargify.com.evil.example/customers.json",  // a look-alike host
        "https://user:hunter2@evil.example/x",  // credentials of its own
    ])
    func anyOtherOriginIsRefusedNamingBothURLs(target: String) {
        guard case .refuse(let message) = RedirectRule.decide(from: from, to: URL(string: target), followed: 0) else {
            Issue.record("\(target) was followed")
            return
        }
        let shown = RedirectRule.shown(URL(string: target)!)
        #expect(
            message
                == "the server redirected to \(shown); billtop sends keys only to https://acme.chargify.com; fix the url in config.toml"
        )
        // No query values (a Truto URL carries the account id there) and no user part in the line.
        #expect(!message.contains("token") && !message.contains("hunter2") && !message.contains("per_page"))
    }

    @Test func theDowngradeLineNamesTheHTTPURL() {
        let message = RedirectRule.decide(
            from: from, to: URL(string: "http://acme.chargify.com/customers.json?page=2"), followed: 0)
        #expect(
            message
                == .refuse(
                    "the server redirected to http://acme.chargify.com/customers.json; billtop sends keys only to https://acme.chargify.com; fix the url in config.toml"
                ))
    }

    @Test func aRedirectLoopStopsAfterFive() {
        let next = URL(string: "https://acme.chargify.com/again")
        #expect(RedirectRule.decide(from: from, to: next, followed: RedirectRule.maxFollowed - 1) == .follow)
        guard case .refuse(let message) = RedirectRule.decide(from: from, to: next, followed: RedirectRule.maxFollowed)
        else {
            Issue.record("the sixth redirect was followed")
            return
        }
        #expect(message.contains("more than 5 times"))
    }

    @Test func loopbackIsOnlyTheLoopbackAddresses() {
        for url in [
            "http://127.0.0.1:1", "http://127.9.8.7", "http://localhost:80", "http://LOCALHOST", "http://[::1]:8080",
        ] {
            #expect(Origin(string: url)?.isLoopback == true, "\(url)")
        }
        for url in [
            "http://128.0.0.1", "http://0177.0.0.1", "http://127.1", "http://127.0.0.1.evil.example",
            "http://example.com", "http://[::2]",
        ] {
            #expect(Origin(string: url)?.isLoopback == false, "\(url)")
        }
    }

    @Test func cleartextIsForLoopbackOrWhenAllowed() {
        #expect(SourceURL.problem("http://127.0.0.1:4000", allowInsecureHTTP: false) == nil)
        #expect(SourceURL.problem("https://acme.chargify.com", allowInsecureHTTP: false) == nil)
        #expect(
            SourceURL.problem("http://acme.example.com", allowInsecureHTTP: false)
                == .cleartext(host: "acme.example.com"))
        #expect(SourceURL.problem("http://acme.example.com", allowInsecureHTTP: true) == nil)
        #expect(SourceURL.problem("ftp://acme.example.com", allowInsecureHTTP: true) == .notHTTP)
        #expect(SourceURL.problem("https://", allowInsecureHTTP: false) == .notHTTP)
        #expect(SourceURL.sendsCleartext("http://acme.example.com") && !SourceURL.sendsCleartext("http://127.0.0.1:9"))
        #expect(!SourceURL.sendsCleartext("https://acme.example.com"))
    }

    @Test func credentialsInAURLAreRefusedAndNeverShown() {
        for url in [
            "https://user:hunter2@acme.chargify.com", "http://hunter2@127.0.0.1:9",
            "https://:hunter2@acme.chargify.com",
        ] {
            #expect(SourceURL.problem(url, allowInsecureHTTP: true) == .credentials, "\(url)")
            let line = SourceURL.flagMessage(.credentials, flag: "--chargify", url: url, keyVariable: "BILLTOP_API_KEY")
            #expect(!line.contains("hunter2") && line.contains("BILLTOP_API_KEY"), "\(line)")
        }
        #expect(SourceURL.configMessage(.credentials).contains("key_env or key_file"))
        #expect(
            SourceURL.withoutCredentials("https://user:hunter2@acme.chargify.com/x") == "https://acme.chargify.com/x")
        #expect(SourceURL.withoutCredentials("https://acme.chargify.com") == "https://acme.chargify.com")
    }

    @Test func refusalsAreNeverRetried() {
        let policy = RetryPolicy()
        #expect(policy.decide(.redirectRefused, attempt: 0, now: 0, random: 0.5) == .originRefused)
        #expect(policy.decide(.tooLarge, attempt: 0, now: 0, random: 0.5) == .stop)
        #expect(SyncError.originRefused("x").stopsSource && !SyncError.tooLarge("x").stopsSource)
    }

    @Test func theOversizeLineNamesMethodPathAndCap() {
        let url = URL(string: "https://acme.chargify.com/customers.json?per_page=200&page=3")
        #expect(
            ResponseLimit.exceeded(method: "GET", url: url, limit: ResponseLimit.defaultBytes)
                == "response from GET /customers.json exceeded 64 MB; stopped")
        #expect(ResponseLimit.describe(1_500) == "1500 bytes")
    }
}
