import Foundation
import TestSupport
import Testing

/// `billtop sandbox serve` in a tmux session of its own, for the tests that drive the real binary against it:
/// started on a random port, its base URL read from its banner. Kill the session when done.
struct TmuxSandbox {
    let session: TmuxSession
    let url: String
    /// The sandbox's GHL location id, from the same banner.
    let locationID: String

    static func start(binary: String, customers: Int, seed: Int, directory: URL) async throws -> TmuxSandbox {
        let session = try TmuxSession(
            command: "\(binary) sandbox serve --port 0 --customers \(customers) --seed \(seed)",
            directory: directory.path, width: 120, height: 10)
        let banner = try await session.waitFor("the sandbox's base URL") {
            $0.contains("base URL:") && $0.contains("http://127.0.0.1:") && $0.contains("GHL location id:")
        }
        let url = try #require(
            banner.split(separator: "\n").first { $0.contains("base URL:") }?.split(separator: " ").last.map(
                String.init))
        let location = banner.split(separator: "\n").first { $0.contains("GHL location id:") }?.split(separator: " ")
            .last.map(String.init)
        return TmuxSandbox(session: session, url: url, locationID: location ?? "")
    }

    /// A one-off Chargify sync of the sandbox into `store` with the sandbox's key (`BILLTOP_API_KEY`).
    func sync(into store: String, environment: [String: String], directory: URL) async throws {
        let sync = try await ReliabilityProcess.run(
            ["sync", "--chargify", url, "--db", store], environment: environment, directory: directory, timeout: 120)
        try #require(sync.status == 0, "\(sync.stderrText)")
    }

    func kill() { session.kill() }
}
