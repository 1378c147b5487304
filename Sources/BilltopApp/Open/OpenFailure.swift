/// Why `billtop open` opens nothing: one line, already sanitised, that says what to do.
public struct OpenFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    static let usage = "give billtop open an email, customer id, reference, invoice number or Chargify admin URL"
}
