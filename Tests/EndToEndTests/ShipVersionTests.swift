import BillingStore
import Foundation
import TestSupport
import Testing

/// `billtop --version`, `billtop version --json` and the build stamp they read (issue 20).
@Suite struct ShipVersionTests {
    static func shell(_ script: String, in directory: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = directory
        let out = directory.appendingPathComponent("shell-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        let handle = try FileHandle(forWritingTo: out)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, (try? String(contentsOf: out, encoding: .utf8)) ?? "")
    }

    @Test func versionIsOneLineWithTheCommitAndDay() async throws {
        let work = try ReliabilityProcess.workDirectory("version")
        defer { try? FileManager.default.removeItem(at: work) }
        let env = ReliabilityProcess.environment(home: work)
        let result = try await ReliabilityProcess.run(["--version"], environment: env, directory: work)
        #expect(result.status == 0, "\(result.stderrText)")
        let line = result.stdoutText.trimmingCharacters(in: .newlines)
        let pattern =
            #"^billtop [0-9]+\.[0-9]+\.[0-9]+ \(([0-9a-f]{7}(-dirty)?|unknown) ([0-9]{4}-[0-9]{2}-[0-9]{2}|unknown)\)$"#
        #expect(line.range(of: pattern, options: .regularExpression) != nil, "\(line)")
        // The commit is one of this checkout's history (HEAD when `swift build` last linked billtop: `swift
        // test` does not relink it, so a commit made since is not in it yet).
        let commit = line.split(separator: "(").last?.split(separator: " ").first.map {
            String($0).replacingOccurrences(of: "-dirty", with: "")
        }
        let known = try Self.shell(
            "git merge-base --is-ancestor '\(commit ?? "none")' HEAD", in: ReliabilityProcess.packageRoot)
        #expect(known.status == 0, "\(line): \(known.output)")
    }

    @Test func versionJSONNamesTheSchemaAndTheLibrariesItRunsWith() async throws {
        let work = try ReliabilityProcess.workDirectory("version-json")
        defer { try? FileManager.default.removeItem(at: work) }
        let env = ReliabilityProcess.environment(home: work)
        let result = try await ReliabilityProcess.run(["version", "--json"], environment: env, directory: work)
        #expect(result.status == 0, "\(result.stderrText)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: String])
        #expect(
            Set(object.keys)
                == ["version", "commit", "build_date", "store_schema", "sqlite", "ncurses", "libcurl"])
        #expect(object["store_schema"] == StoreMigrations.all.last?.name)
        let dotted = #"^[0-9]+\.[0-9]+(\.[0-9]+)*$"#
        for library in ["sqlite", "libcurl"] {
            #expect(object[library]?.range(of: dotted, options: .regularExpression) != nil, "\(library): \(object)")
        }
        #expect(object["ncurses"]?.range(of: #"^[0-9]+\.[0-9]+"#, options: .regularExpression) != nil, "\(object)")
    }

    /// A checkout without git metadata (a tarball) still builds: the stamp says "unknown". With git, the
    /// commit; and an unchanged stamp is not rewritten (no recompilation on every build).
    @Test func theBuildStampSaysUnknownWithoutGit() throws {
        let work = try ReliabilityProcess.workDirectory("stamp")
        defer { try? FileManager.default.removeItem(at: work) }
        let script = ReliabilityProcess.packageRoot.appendingPathComponent(".ci/build-stamp").path
        let bare = work.appendingPathComponent("tarball")
        try FileManager.default.createDirectory(at: bare, withIntermediateDirectories: true)
        let out = work.appendingPathComponent("out")
        let run = try Self.shell(
            "GIT_CEILING_DIRECTORIES='\(work.path)' sh '\(script)' '\(bare.path)' '\(out.path)'", in: work)
        #expect(run.status == 0, "\(run.output)")
        let stamp = try String(contentsOf: out.appendingPathComponent("BuildStamp.swift"), encoding: .utf8)
        #expect(stamp.contains(#"static let commit = "unknown""#), "\(stamp)")
        #expect(stamp.range(of: #"static let date = "[0-9]{4}-[0-9]{2}-[0-9]{2}""#, options: .regularExpression) != nil)
        let before = try FileManager.default.attributesOfItem(
            atPath: out.appendingPathComponent("BuildStamp.swift").path)
        _ = try Self.shell(
            "GIT_CEILING_DIRECTORIES='\(work.path)' sh '\(script)' '\(bare.path)' '\(out.path)'", in: work)
        let after = try FileManager.default.attributesOfItem(
            atPath: out.appendingPathComponent("BuildStamp.swift").path)
        // A rewrite goes through a new file and a rename: a new inode.
        let inode = { (attributes: [FileAttributeKey: Any]) in (attributes[.systemFileNumber] as? NSNumber)?.uint64Value
        }
        #expect(inode(before) != nil && inode(before) == inode(after), "the unchanged stamp was rewritten")
    }
}
