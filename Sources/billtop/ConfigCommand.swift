import ArgumentParser
import BillingStore
import BillingSync
import Foundation

/// `billtop config init|check`.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Write or check the configuration file.",
        subcommands: [Init.self, Check.self])

    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "init", abstract: "Write a commented template.")
        @Option(help: "Where to write it (default: $BILLTOP_CONFIG or $XDG_CONFIG_HOME/billtop/config.toml).") var path:
            String?
        @Flag(help: "Replace an existing file.") var force = false

        func run() async throws {
            let target = path ?? ConfigLoader.defaultPath()
            if FileManager.default.fileExists(atPath: target) && !force {
                throw CommandFailure("\(target) already exists; pass --force to replace it", status: .usage)
            }
            // Private from the first byte, whatever the umask: a 0700 directory and a file opened 0600.
            // Every directory it creates is 0700 (FileManager asks for 0777: world-writable under umask 000).
            let directory = (target as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                do { try PrivateFiles.makeDirectory(directory) } catch {
                    throw CommandFailure("\(error)", status: .config)
                }
            }
            let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                throw CommandFailure("cannot write \(target): \(String(cString: strerror(errno)))", status: .config)
            }
            fchmod(fd, 0o600)
            let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            handle.write(Data(ConfigLoader.template.utf8))
            print("wrote \(target)")
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check", abstract: "Validate the configuration and its keys.")
        @Option(help: "The file to check (default: $BILLTOP_CONFIG or $XDG_CONFIG_HOME/billtop/config.toml).") var path:
            String?

        func run() async throws {
            let target = path ?? ConfigLoader.defaultPath()
            // A ConfigError is printed by ArgumentParser as one line (a ValidationError would add the usage).
            let sources = try ConfigLoader.load(path: target)
            print(
                "\(target): ok, \(sources.count) source\(sources.count == 1 ? "" : "s") (\(sources.map { "\($0.name): \($0.kind.rawValue)" }.joined(separator: ", ")))"
            )
            // Accepted only because the source says allow_insecure_http = true: say so every time it is checked.
            for source in sources where SourceURL.sendsCleartext(source.baseURL) {
                print(
                    "\(source.name): insecure: the key is sent unencrypted over plain http to \(SourceURL.shown(source.baseURL)) (allow_insecure_http = true)"
                )
            }
        }
    }
}
