import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Every invalid config in Fixtures/invalid-configs is refused by the real binary with one line naming
/// the file and line, a non-zero exit, and nothing drawn: `sync`, `config check` and the dashboard.
/// Each fixture's first two lines say what the error must hold (`# expect-line: N`, `# expect-text: T`).
@Suite(.serialized) struct ReliabilityConfigTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/invalid-configs")

    static var fixtures: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".toml") }
            .sorted()
    }

    struct Expectation {
        var line: Int
        var text: String
    }

    static func expectation(in text: String) -> Expectation? {
        var line: Int?
        var needle: String?
        for raw in text.split(separator: "\n").prefix(2) {
            if raw.hasPrefix("# expect-line: ") { line = Int(raw.dropFirst("# expect-line: ".count)) }
            if raw.hasPrefix("# expect-text: ") { needle = String(raw.dropFirst("# expect-text: ".count)) }
        }
        guard let line, let needle else { return nil }
        return Expectation(line: line, text: needle)
    }

    /// Copies a fixture into a private directory (filling in `@DIR@`) next to a key file readable by others.
    static func install(_ name: String, in work: URL) throws -> (path: String, expected: Expectation) {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        let expected = try #require(expectation(in: text), "\(name) lacks its # expect-line / # expect-text header")
        let target = work.appendingPathComponent(name)
        try text.replacingOccurrences(of: "@DIR@", with: work.path).write(to: target, atomically: true, encoding: .utf8)
        let keyPath = work.appendingPathComponent("readable.key").path
        _ = FileManager.default.createFile(atPath: keyPath, contents: Data("k3y-in-a-file\n".utf8))
        chmod(keyPath, 0o644)
        return (target.path, expected)
    }

    @Test func theFixtureFolderCoversEveryKind() {
        let names = Set(Self.fixtures)
        for kind in ["syntax-error", "unknown-key", "wrong-type", "missing-key", "key-file-readable-by-others"] {
            #expect(names.contains("\(kind).toml"), "Fixtures/invalid-configs lacks \(kind).toml")
        }
    }

    @Test(arguments: fixtures)
    func invalidConfigIsOneLineNamingFileAndLine(fixture: String) async throws {
        let work = try ReliabilityProcess.workDirectory("config")
        defer { try? FileManager.default.removeItem(at: work) }
        let (path, expected) = try Self.install(fixture, in: work)
        let env = ReliabilityProcess.environment(home: work, extra: ["BILLTOP_API_KEY": "k3y", "BILLTOP_TOKEN": "t0k"])

        let runs: [(String, ReliabilityProcess.Result)] = [
            (
                "sync",
                try await ReliabilityProcess.run(
                    ["sync", "--once", "--config", path], environment: env, directory: work)
            ),
            (
                "config check",
                try await ReliabilityProcess.run(
                    ["config", "check", "--path", path], environment: env, directory: work)
            ),
            (
                "dashboard",
                try await ReliabilityProcess.run(
                    [], environment: env.merging(["BILLTOP_CONFIG": path]) { $1 }, directory: work)
            ),
        ]
        for (command, result) in runs {
            let lines = result.stderrLines
            #expect(result.status != 0 && !result.signalled, "\(fixture): billtop \(command) exited \(result.status)")
            #expect(
                lines.count == 1, "\(fixture): billtop \(command) wrote \(lines.count) lines:\n\(result.stderrText)")
            let message = lines.first ?? ""
            #expect(message.contains("\(path):\(expected.line):"), "\(fixture): billtop \(command) said: \(message)")
            #expect(message.contains(expected.text), "\(fixture): billtop \(command) said: \(message)")
            // Nothing reached the terminal: no escape sequence (curses would start with smcup) and no output.
            #expect(
                !result.stdout.contains(0x1B) && !result.stderr.contains(0x1B),
                "\(fixture): billtop \(command) drew on the terminal")
            #expect(result.stdout.isEmpty, "\(fixture): billtop \(command) printed: \(result.stdoutText)")
        }
    }

    /// The control case: the same harness accepts a valid file, so the failures above are the files' fault.
    @Test func aValidConfigPassesTheSameChecks() async throws {
        let work = try ReliabilityProcess.workDirectory("config-ok")
        defer { try? FileManager.default.removeItem(at: work) }
        let keyPath = work.appendingPathComponent("private.key").path
        _ = FileManager.default.createFile(
            atPath: keyPath, contents: Data("k3y\n".utf8), attributes: [.posixPermissions: 0o600])
        let path = work.appendingPathComponent("config.toml").path
        try """
        [[source]]
        name = "acme"
        kind = "chargify"
        url = "https://acme.chargify.com"
        key_file = "\(keyPath)"
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let env = ReliabilityProcess.environment(home: work)
        let result = try await ReliabilityProcess.run(
            ["config", "check", "--path", path], environment: env, directory: work)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("ok, 1 source"))
    }
}
