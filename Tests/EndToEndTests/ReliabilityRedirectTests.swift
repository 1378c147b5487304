import BillingCore
import BillingStore
import BillingSync
import Foundation
import TestSupport
import Testing

/// Keys stay with their origin: a server that answers 301, 302, 307 or 308 towards another host or port
/// gets the sync stopped with one line naming both URLs, and the other server never sees a request (the
/// redirect is not followed at all, with or without the key). A same-origin redirect is followed.
@Suite(.serialized) struct ReliabilityRedirectTests {
    enum Elsewhere: String, CaseIterable, CustomStringConvertible {
        case otherHost, otherPort
        var description: String { rawValue }
    }

    static let cases: [(Int, Elsewhere)] = [301, 302, 307, 308].flatMap { status in
        Elsewhere.allCases.map { (status, $0) }
    }

    @Test(arguments: cases)
    func aRedirectToAnotherOriginStopsTheSyncAndSendsNothingThere(status: Int, elsewhere: Elsewhere) async throws {
        // The decoy answers like a real site, so following the redirect would have made the sync succeed.
        let decoy = try HostileHTTPServer(
            host: elsewhere == .otherHost ? "127.0.0.2" : "127.0.0.1", handler: HostileSite.emptyChargify)
        defer { decoy.stop() }
        let decoyBase = decoy.baseURL
        let server = try HostileHTTPServer { request in .redirect(status: status, location: decoyBase + request.target)
        }
        defer { server.stop() }
        let store = try HostileSite.store("redirect")
        let result = try await HostileSite.runner(store, HostileSite.chargify(server.baseURL)).runOnce(within: 60)

        #expect(decoy.requests().isEmpty, "the other origin was sent \(decoy.requests().map(\.target))")
        #expect(!result.ok && result.failures.count == 4)
        for failure in result.failures {
            guard case .originRefused(let message) = failure.error else {
                Issue.record("\(failure.stream): \(failure.error)")
                continue
            }
            #expect(message.hasPrefix("the server redirected to \(decoyBase)/"), "\(message)")
            #expect(
                message.hasSuffix("; billtop sends keys only to \(server.baseURL); fix the url in config.toml"),
                "\(message)")
        }
        // Never retried: one request per stream (the subscriptions stream asks nothing else first).
        #expect(server.requests().count == 4, "\(server.requests().map(\.target))")
    }

    @Test func aTrutoTokenAndAccountIdStayToo() async throws {
        let decoy = try HostileHTTPServer(host: "127.0.0.2", handler: HostileSite.emptyTruto)
        defer { decoy.stop() }
        let decoyBase = decoy.baseURL
        let server = try HostileHTTPServer { request in .redirect(status: 307, location: decoyBase + request.target) }
        defer { server.stop() }
        let store = try HostileSite.store("redirect-truto")
        let config = SourceConfig(
            name: "acme-truto", kind: .truto, baseURL: server.baseURL, account: "acct-42", secret: "t0k", maxInFlight: 1
        )
        let result = try await HostileSite.runner(store, config).runOnce(within: 60)
        #expect(decoy.requests().isEmpty)
        #expect(!result.ok && result.failures.allSatisfy { if case .originRefused = $0.error { true } else { false } })
        // The account id travels in the query; the line never shows it.
        #expect(result.failures.allSatisfy { !"\($0.error)".contains("acct-42") })
    }

    @Test func aSameOriginRedirectIsFollowedWithTheKey() async throws {
        let server = try HostileHTTPServer { request in
            if request.path == "/customers.json" { return .redirect(status: 301, location: "/v2/customers.json") }
            if request.path == "/v2/customers.json" {
                return .json(#"[{"customer":{"id":7,"first_name":"Ada","last_name":"Lovelace","email":"ada@x.test"}}]"#)
            }
            return HostileSite.emptyChargify(request)
        }
        defer { server.stop() }
        let store = try HostileSite.store("redirect-same")
        let result = try await HostileSite.runner(store, HostileSite.chargify(server.baseURL)).runOnce(within: 60)
        #expect(result.ok, "\(result.failures)")
        let source = try #require(try store.source(named: "acme"))
        #expect(try store.customers(sourceID: source.id).items.map(\.value.email) == ["ada@x.test"])
        let followed = server.requests().filter { $0.path == "/v2/customers.json" }
        #expect(followed.count == 1 && followed.allSatisfy { $0.headers["authorization"] != nil })
    }

    /// The real binary: exit 78 (a config problem: fix the url) and one line per source naming both URLs; the
    /// key is in no output.
    @Test func theSyncCommandSaysBothURLsOnOneLine() async throws {
        let decoy = try HostileHTTPServer(host: "127.0.0.2", handler: HostileSite.emptyChargify)
        defer { decoy.stop() }
        let decoyBase = decoy.baseURL
        let server = try HostileHTTPServer { request in .redirect(status: 302, location: decoyBase + request.target) }
        defer { server.stop() }
        let work = try ReliabilityProcess.workDirectory("redirect")
        defer { try? FileManager.default.removeItem(at: work) }
        let env = ReliabilityProcess.environment(home: work, extra: ["BILLTOP_API_KEY": "k3y-redirect"])
        let run = try await ReliabilityProcess.run(
            ["sync", "--chargify", server.baseURL], environment: env, directory: work)
        #expect(run.status == 78 && !run.signalled, "\(run.status)")
        let lines = run.stderrLines.filter { $0.hasPrefix("billtop:") }
        #expect(lines.count == 1, "\(run.stderrText)")
        let line = lines.first ?? ""
        #expect(line.hasPrefix("billtop: chargify: the server redirected to \(decoyBase)/"), "\(line)")
        #expect(line.hasSuffix("; billtop sends keys only to \(server.baseURL); fix the url in config.toml"), "\(line)")
        #expect(decoy.requests().isEmpty)
        #expect(!run.stderrText.contains("k3y-redirect") && !run.stdoutText.contains("k3y-redirect"))
    }
}
