import BillingCore

/// One line of the log view (sync log or the app's own messages).
public struct LogLine: Sendable, Equatable {
    public enum Level: String, Sendable { case info, warning, error }

    public var time: Timestamp
    public var level: Level
    public var message: String

    public init(time: Timestamp, level: Level, message: String) {
        self.time = time
        self.level = level
        self.message = message
    }
}
