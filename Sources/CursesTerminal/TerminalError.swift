import BillingCore

/// Why the terminal could not be taken over; one line that says what to do.
public struct TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = TextSanitizer.clean(message)
    }

    public var description: String { message }
}
