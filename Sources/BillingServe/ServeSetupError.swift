import BillingCore

/// A serve set-up that cannot work, in one line that says what to do.
public struct ServeSetupError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = TextSanitizer.clean(description) }
}
