import BillingCore

/// The one-line message under the panes: an error or a confirmation.
public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var isError: Bool
    public var at: Timestamp

    public init(text: String, isError: Bool, at: Timestamp) {
        self.text = text
        self.isError = isError
        self.at = at
    }
}
