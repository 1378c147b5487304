/// Why an action was not sent: one line that says what to do. Thrown before anything leaves (validation,
/// read-only, the allowlist, a missing record) and never journalled: nothing was attempted.
public struct ActionProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ message: String) { description = message }
}
