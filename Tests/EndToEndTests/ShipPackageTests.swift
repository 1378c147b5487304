import Foundation
import TestSupport
import Testing

/// The Debian package and the install scripts (issue 20), built from the debug binary to stay quick (the
/// release path is the same script without `--binary`): what the .deb holds (paths, modes, Depends), that
/// its billtop runs from a scratch root (`--version`, then `--demo` in tmux), that dpkg installs and removes
/// it in a scratch root, and that .ci/install and .ci/uninstall add and remove exactly the same files.
@Suite(
    .serialized,
    .enabled(if: TmuxSession.tmuxPath != nil, "tmux is not installed: the package test draws the demo in it"),
    .enabled(
        if: FileManager.default.isExecutableFile(atPath: "/usr/bin/dpkg-deb")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/dpkg-shlibdeps"),
        "dpkg-dev is not installed: apt-get install dpkg-dev"))
struct ShipPackageTests {
    static let root = ReliabilityProcess.packageRoot

    /// Runs a shell script in the package root; fails the test with its output unless it exits 0.
    @discardableResult
    static func sh(_ script: String, environment: [String: String]? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = root
        if let environment { process.environment = environment }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ship-sh-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        let handle = try FileHandle(forWritingTo: out)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        try #require(process.terminationStatus == 0, "`\(script)` exited \(process.terminationStatus):\n\(text)")
        return text
    }

    /// Every file under `directory`, relative, with its octal mode: "usr/bin/billtop 755".
    static func listing(_ directory: URL) throws -> [String: String] {
        let text = try sh("cd '\(directory.path)' && find . -type f -printf '%P %m\\n' | sort")
        var files: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2 { files[String(parts[0])] = String(parts[1]) }
        }
        return files
    }

    static let expectedFiles: [String: String] = [
        "usr/bin/billtop": "755", "usr/share/man/man1/billtop.1.gz": "644",
        "usr/share/bash-completion/completions/billtop": "644", "usr/share/zsh/vendor-completions/_billtop": "644",
        "usr/share/fish/vendor_completions.d/billtop.fish": "644", "usr/share/billtop/themes/dark.toml": "644",
        "usr/share/billtop/themes/light.toml": "644", "usr/share/billtop/themes/high-contrast.toml": "644",
        "usr/share/billtop/themes/monochrome.toml": "644", "usr/lib/systemd/system/billtop.service": "644",
        "usr/share/doc/billtop/README.md": "644",
    ]

    @Test func theDebHoldsWhatItShouldAndRunsFromAScratchRoot() async throws {
        let binary = try ReliabilityProcess.binary()
        let work = try ReliabilityProcess.workDirectory("deb")
        defer { try? FileManager.default.removeItem(at: work) }
        let deb =
            try Self.sh(".ci/build-deb --binary '\(binary)' --output '\(work.path)'")
            .split(separator: "\n").last.map(String.init) ?? ""
        #expect(deb.hasSuffix(".deb") && FileManager.default.fileExists(atPath: deb), "\(deb)")

        // The control file: the version the binary reports, and the system libraries it links.
        let control = try Self.sh("dpkg-deb --field '\(deb)'")
        #expect(control.contains("Package: billtop\n"), "\(control)")
        let json = try Self.sh("'\(binary)' version --json")
        let version = try #require(
            (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String])?["version"])
        #expect(control.contains("Version: \(version)\n"), "\(control)")
        let depends = control.split(separator: "\n").first { $0.hasPrefix("Depends: ") }.map(String.init) ?? ""
        for library in ["libncursesw6", "libsqlite3-0", "libcurl4"] {
            #expect(depends.contains(library), "\(library) is not in \(depends)")
        }

        // Its files, modes and owners, extracted into a scratch root.
        let contents = try Self.sh("dpkg-deb --contents '\(deb)'")
        #expect(contents.split(separator: "\n").allSatisfy { $0.contains("root/root") }, "not root's:\n\(contents)")
        let scratch = work.appendingPathComponent("root")
        try Self.sh("dpkg-deb -x '\(deb)' '\(scratch.path)'")
        let files = try Self.listing(scratch)
        #expect(files == Self.expectedFiles, "unexpected contents: \(files)")

        // What a user of the package runs.
        let installed = scratch.appendingPathComponent("usr/bin/billtop").path
        let line = try Self.sh("'\(installed)' --version")
        #expect(line.hasPrefix("billtop \(version) ("), "\(line)")
        let manual = try Self.sh(
            "MANWIDTH=200 man -l '\(scratch.path)/usr/share/man/man1/billtop.1.gz' 2>/dev/null | col -b")
        for section in ["EXIT STATUS", "ENVIRONMENT", "FILES", "config.toml", "BILLTOP_API_KEY"] {
            #expect(manual.contains(section), "the man page lacks \(section)")
        }
        // Every subcommand is an entry of the page (the help's list, so a new one cannot be missed).
        let help = try Self.sh("'\(installed)' --help")
        let commands =
            help.components(separatedBy: "SUBCOMMANDS:").last?.split(separator: "\n").compactMap {
                // "  sync    Fetch ..." (not the closing "  See 'billtop help ...'").
                $0.hasPrefix("  ") && !$0.hasPrefix("   ") && $0.dropFirst(2).first?.isLowercase == true
                    ? $0.split(separator: " ").first.map(String.init) : nil
            } ?? []
        #expect(commands.count >= 14, "\(commands)")
        for command in commands {
            #expect(
                manual.range(of: "(?m)^ +\(command)( |$)", options: .regularExpression) != nil,
                "the man page lacks \(command)")
        }
        #expect(manual.contains("listed under EXIT STATUS in DESCRIPTION"))
        let unit = try String(
            contentsOf: scratch.appendingPathComponent("usr/lib/systemd/system/billtop.service"), encoding: .utf8)
        #expect(unit.contains("ExecStart=/usr/bin/billtop serve") && unit.contains("team mode"))

        let home = work.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let tmux = try TmuxSession(
            command: "\(installed) --demo --demo-customers 40", directory: home.path, width: 120, height: 40)
        defer { tmux.kill() }
        _ = try await tmux.waitFor("the demo's customers", seconds: 90) { $0.contains("Customers (40)") }
        try tmux.send("q")
        let exit = try await tmux.waitForExit()
        #expect(exit.status == 0 && !exit.alternateScreen, "\(exit)")

        // dpkg itself installs it into a scratch root and removes it (no root needed with these options; the
        // scratch database knows no packages, so the dependencies are taken as present).
        let dpkgRoot = work.appendingPathComponent("dpkg")
        let dpkg =
            "dpkg --force-not-root --force-depends --force-script-chrootless --root='\(dpkgRoot.path)' --log=/dev/null"
        try Self.sh(
            "mkdir -p '\(dpkgRoot.path)/var/lib/dpkg/updates' '\(dpkgRoot.path)/var/lib/dpkg/info' && touch '\(dpkgRoot.path)/var/lib/dpkg/status' && \(dpkg) -i '\(deb)'"
        )
        #expect(FileManager.default.isExecutableFile(atPath: dpkgRoot.path + "/usr/bin/billtop"))
        try Self.sh("\(dpkg) -r billtop")
        let left = try Self.listing(dpkgRoot).keys.filter { !$0.hasPrefix("var/lib/dpkg/") }
        #expect(left.isEmpty, "dpkg -r left: \(left.sorted())")
    }

    /// .ci/install under a scratch prefix puts the binary, man page, completions and themes in place and a
    /// manifest naming them; .ci/uninstall removes exactly those and leaves a file of someone else's.
    @Test func installAndUninstallAddAndRemoveTheSameFiles() throws {
        let binary = try ReliabilityProcess.binary()
        let work = try ReliabilityProcess.workDirectory("install")
        defer { try? FileManager.default.removeItem(at: work) }
        let prefix = work.appendingPathComponent("prefix")
        let other = prefix.appendingPathComponent("share/bash-completion/completions/other-tool")
        try FileManager.default.createDirectory(
            at: other.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("other".utf8).write(to: other)
        var environment = ProcessInfo.processInfo.environment
        environment["PREFIX"] = prefix.path
        environment["BILLTOP_BINARY"] = binary
        let said = try Self.sh(".ci/install", environment: environment)
        #expect(said.contains("installed billtop "), "\(said)")
        let files = try Self.listing(prefix)
        for path in [
            "bin/billtop", "share/man/man1/billtop.1", "share/bash-completion/completions/billtop",
            "share/zsh/site-functions/_billtop", "share/fish/vendor_completions.d/billtop.fish",
            "share/billtop/themes/dark.toml", "share/billtop/install-manifest",
        ] {
            #expect(files[path] != nil, "\(path) was not installed: \(files.keys.sorted())")
        }
        #expect(files["bin/billtop"] == "755")
        let manifest = try String(
            contentsOf: prefix.appendingPathComponent("share/billtop/install-manifest"), encoding: .utf8)
        #expect(
            Set(manifest.split(separator: "\n").map { String($0.dropFirst(prefix.path.count + 1)) })
                == Set(files.keys).subtracting([
                    "share/billtop/install-manifest", "share/bash-completion/completions/other-tool",
                ]))
        let version = try Self.sh("'\(prefix.path)/bin/billtop' --version")
        #expect(version.hasPrefix("billtop "))

        // The bash completion completes subcommands, source names from the config, and theme names (bash passes
        // the command, the word and the word before it, as here).
        let config = work.appendingPathComponent("config.toml")
        try Data(
            "[[source]]\nname = \"acme-eu\"\nkind = \"chargify\"\nurl = \"https://acme.chargify.com\"\nkey_env = \"K\"\n"
                .utf8
        ).write(to: config)
        _ = chmod(config.path, 0o600)
        let completion = prefix.appendingPathComponent("share/bash-completion/completions/billtop").path
        func complete(_ words: [String]) throws -> [String] {
            let quoted = words.map { "'\($0)'" }.joined(separator: " ")
            let line = words.joined(separator: " ")
            let previous = words.count > 1 ? words[words.count - 2] : ""
            return try Self.sh(
                "export BILLTOP_CONFIG='\(config.path)' HOME='\(work.path)' PATH='\(prefix.path)/bin':$PATH; "
                    + "source '\(completion)'; COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); "
                    + "COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}; "
                    + "_billtop billtop '\(words.last ?? "")' '\(previous)'; printf '%s\\n' \"${COMPREPLY[@]}\""
            ).split(separator: "\n").map(String.init)
        }
        #expect(try complete(["billtop", "sy"]) == ["sync"])
        #expect(try complete(["billtop", "sync", "--source", ""]) == ["acme-eu"])
        #expect(try complete(["billtop", "mrr", "--source", "ac"]) == ["acme-eu"])
        #expect(try complete(["billtop", "dashboard", "--theme", "hi"]) == ["high-contrast"])

        let removed = try Self.sh(".ci/uninstall", environment: environment)
        #expect(removed.contains("removed \(files.count - 2) files"), "\(removed)")
        #expect(try Self.listing(prefix) == ["share/bash-completion/completions/other-tool": "644"])
    }
}
