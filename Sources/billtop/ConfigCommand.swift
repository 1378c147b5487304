import ArgumentParser
import BillingSync
import Foundation

/// `billtop config init|check`.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Write or check the configuration file.",
        subcommands: [Init.self, Check.self])

    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "init", abstract: "Write a commented template.")
        @Option(help: "Where to write it (default: $BILLTOP_CONFIG or $XDG_CONFIG_HOME/billtop/config.toml).") var path: String?
        @Flag(help: "Replace an existing file.") var force = false

        func run() async throws {
            let target = path ?? ConfigLoader.defaultPath()
            if FileManager.default.fileExists(atPath: target) && !force {
                throw ValidationError("\(target) already exists; pass --force to replace it")
            }
            try FileManager.default.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: target, contents: Data(ConfigLoader.template.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw ValidationError("cannot write \(target)")
            }
            print("wrote \(target)")
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Validate the configuration and its keys.")
        @Option(help: "The file to check (default: $BILLTOP_CONFIG or $XDG_CONFIG_HOME/billtop/config.toml).") var path: String?

        func run() async throws {
            let target = path ?? ConfigLoader.defaultPath()
            do {
                let sources = try ConfigLoader.load(path: target)
                print("\(target): ok, \(sources.count) source\(sources.count == 1 ? "" : "s") (\(sources.map { "\($0.name): \($0.kind.rawValue)" }.joined(separator: ", ")))")
            } catch let error as ConfigError {
                throw ValidationError(error.message)
            }
        }
    }
}
