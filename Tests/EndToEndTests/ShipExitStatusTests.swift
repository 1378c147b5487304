import Foundation
import TestSupport
import Testing

/// Every documented exit status (`ExitStatus`, `billtop --help`'s EXIT STATUS) from the real binary, one cause
/// each, so a cron job can branch on them (issue 20). The servers are loopback fakes answering every request.
@Suite struct ShipExitStatusTests {
    /// Runs `billtop arguments` with a private HOME; returns the status and stderr.
    static func run(_ arguments: [String], extra: [String: String] = [:], in work: URL) async throws -> (
        status: Int32, stderr: String
    ) {
        let env = ReliabilityProcess.environment(home: work, extra: extra)
        let result = try await ReliabilityProcess.run(arguments, environment: env, directory: work)
        #expect(!result.signalled, "billtop \(arguments.joined(separator: " ")) was killed")
        return (result.status, result.stderrText)
    }

    static func scratch(_ label: String) throws -> URL { try ReliabilityProcess.workDirectory("exit-\(label)") }

    @Test func successIsZeroAndAWrongArgumentIs64() async throws {
        let work = try Self.scratch("usage")
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(try await Self.run(["version"], in: work).status == 0)
        let usage = try await Self.run(["sync", "--once", "--watch"], in: work)
        #expect(usage.status == 64, "\(usage.stderr)")
        let unknown = try await Self.run(["--no-such-option"], in: work)
        #expect(unknown.status == 64, "\(unknown.stderr)")
    }

    @Test func aMissingConfigOrKeyIs78() async throws {
        let work = try Self.scratch("config")
        defer { try? FileManager.default.removeItem(at: work) }
        let check = try await Self.run(["config", "check", "--path", work.path + "/none.toml"], in: work)
        #expect(check.status == 78, "\(check.stderr)")
        #expect(check.stderr.split(separator: "\n").count == 1, "\(check.stderr)")
        let noKey = try await Self.run(["sync", "--chargify", "http://127.0.0.1:9"], in: work)
        #expect(noKey.status == 78 && noKey.stderr.contains("BILLTOP_API_KEY"), "\(noKey.stderr)")
    }

    @Test func aMissingStoreIs74() async throws {
        let work = try Self.scratch("store")
        defer { try? FileManager.default.removeItem(at: work) }
        let missing = try await Self.run(["customers", "--db", work.path + "/none.sqlite"], in: work)
        #expect(missing.status == 74 && missing.stderr.contains("no store at"), "\(missing.stderr)")
        let notAStore = work.appendingPathComponent("garbage.sqlite")
        try Data(repeating: 0x41, count: 4096).write(to: notAStore)
        let damaged = try await Self.run(
            ["sync", "--chargify", "http://127.0.0.1:9", "--db", notAStore.path],
            extra: ["BILLTOP_API_KEY": "k"], in: work)
        #expect(damaged.status == 74, "\(damaged.stderr)")
    }

    @Test func aRejectedKeyIs77() async throws {
        let server = try HostileHTTPServer { _ in .body(status: 401, headers: [:], Data("{}".utf8)) }
        defer { server.stop() }
        let work = try Self.scratch("auth")
        defer { try? FileManager.default.removeItem(at: work) }
        let sync = try await Self.run(
            ["sync", "--chargify", server.baseURL], extra: ["BILLTOP_API_KEY": "wrong-key"], in: work)
        #expect(sync.status == 77, "\(sync.stderr)")
    }

    /// Every stream refused: nothing new was fetched (69). Only one of them refused: partial (75), and a
    /// lookup in the store that sync filled finds no such customer (1).
    @Test func nothingFetchedIs69PartIs75AndAnUnknownCustomerIs1() async throws {
        let refusing = try HostileHTTPServer { _ in .body(status: 400, headers: [:], Data("{}".utf8)) }
        defer { refusing.stop() }
        let partial = try HostileHTTPServer { request in
            request.path.hasSuffix("/invoices.json")
                ? .body(status: 400, headers: [:], Data("{}".utf8)) : HostileSite.emptyChargify(request)
        }
        defer { partial.stop() }
        let work = try Self.scratch("network")
        defer { try? FileManager.default.removeItem(at: work) }
        let key = ["BILLTOP_API_KEY": "k3y"]
        let none = try await Self.run(
            ["sync", "--chargify", refusing.baseURL, "--db", work.path + "/a.sqlite"], extra: key, in: work)
        #expect(none.status == 69, "\(none.stderr)")
        let store = work.path + "/b.sqlite"
        let some = try await Self.run(["sync", "--chargify", partial.baseURL, "--db", store], extra: key, in: work)
        #expect(some.status == 75, "\(some.stderr)")
        let unknown = try await Self.run(["customer", "nobody@example.com", "--db", store], in: work)
        #expect(unknown.status == 1 && unknown.stderr.contains("no customer"), "\(unknown.stderr)")
    }

    /// The help (and so the man page, generated from it) lists every status with its meaning.
    @Test func theHelpListsEveryStatus() async throws {
        let work = try Self.scratch("help")
        defer { try? FileManager.default.removeItem(at: work) }
        let env = ReliabilityProcess.environment(home: work)
        let help = try await ReliabilityProcess.run(["--help"], environment: env, directory: work).stdoutText
        #expect(help.contains("EXIT STATUS"), "\(help)")
        for code in ["0", "1", "64", "69", "74", "75", "77", "78"] {
            #expect(help.range(of: "\n *\(code)  [a-z]", options: .regularExpression) != nil, "no \(code) in \(help)")
        }
    }
}
