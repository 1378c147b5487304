import ArgumentParser
import Foundation

/// `billtop version [--json]`: what a bug report needs (`BuildInfo`). `billtop --version` prints its first line.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the version, commit, build date, store schema and library versions.")

    @Flag(help: "Print JSON (keys: version, commit, build_date, store_schema, sqlite, ncurses, libcurl).")
    var json = false

    func run() throws {
        let fields = BuildInfo.fields
        if json {
            // Strings only, and every one is ours or a library's version: no API text reaches this.
            let object = Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(BuildInfo.line)
            let width = fields.map(\.key.count).max() ?? 0
            for field in fields.dropFirst(3) {
                print(
                    field.key.replacingOccurrences(of: "_", with: " ").padding(
                        toLength: width + 2, withPad: " ", startingAt: 0) + field.value)
            }
        }
    }
}
