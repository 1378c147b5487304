import BillingCore
import BillingStore
import Foundation
import Logging

/// A swift-log handler appending one line per message to a file (never the screen), with every
/// known secret form removed and control characters made inert.
public struct FileLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String
    let sink: FileSink
    let redactor: SecretRedactor

    public init(label: String, path: String, secrets: [String], level: Logger.Level = .info) {
        self.label = label
        self.logLevel = level
        self.sink = FileSink.shared(path: path)
        self.redactor = SecretRedactor(secrets: secrets)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let extra =
            merged.isEmpty
            ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let time = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).iso8601
        sink.write(redactor.clean("\(time) \(event.level) \(label): \(event.message)\(extra)") + "\n")
    }

    /// The level `BILLTOP_LOG_LEVEL` asks for (trace, debug, info, notice, warning, error, critical); info otherwise.
    public static func level(environment: [String: String] = ProcessInfo.processInfo.environment) -> Logger.Level {
        environment["BILLTOP_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
    }

    /// The default log file: `$XDG_STATE_HOME/billtop/billtop.log` (or `~/.local/state/billtop/billtop.log`).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base =
            environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        return base + "/billtop/billtop.log"
    }
}

/// One append-only file handle per path, shared by every handler writing there.
final class FileSink: @unchecked Sendable {
    // @unchecked: `handle` is only used under `lock`.
    private let lock = NSLock()
    private let handle: FileHandle?
    nonisolated(unsafe) private static var sinks: [String: FileSink] = [:]
    private static let sinksLock = NSLock()

    private init(path: String) {
        // The log names sources, URLs and customers: 0600 in a 0700 directory whatever the umask, and a log
        // or billtop's own state directory left open by an older billtop is tightened (said once, here).
        let directory = (path as NSString).deletingLastPathComponent
        try? PrivateFiles.makeDirectory(directory)
        var notes: [String] = []
        if directory == (FileLogHandler.defaultPath() as NSString).deletingLastPathComponent,
            let note = PrivateFiles.tighten(directory)
        {
            notes.append(note)
        }
        if (try? PrivateFiles.createFile(path)) != true, let note = PrivateFiles.tighten(path) { notes.append(note) }
        handle = FileHandle(forWritingAtPath: path)
        _ = try? handle?.seekToEnd()
        let time = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).iso8601
        for note in notes { write("\(time) notice billtop.files: \(TextSanitizer.clean(note))\n") }
    }

    static func shared(path: String) -> FileSink {
        sinksLock.withLock {
            if let sink = sinks[path] { return sink }
            let sink = FileSink(path: path)
            sinks[path] = sink
            return sink
        }
    }

    func write(_ line: String) {
        lock.withLock { handle?.write(Data(line.utf8)) }
    }
}
