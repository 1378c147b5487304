/// How an action from the dashboard ended, for the form and the status line: one line per attempt (a
/// resumed attempt first), whether the provider holds the change, and the time from the send key to the answer.
public struct ActionReport: Sendable, Equatable {
    public var lines: [String]
    public var succeeded: Bool
    public var milliseconds: Int

    public init(lines: [String], succeeded: Bool, milliseconds: Int = 0) {
        self.lines = lines
        self.succeeded = succeeded
        self.milliseconds = milliseconds
    }
}
