/// An entry of Chargify's event log (`/events.json`).
public struct SandboxEvent: Sendable, Equatable {
    /// Increasing integer id.
    public var id: Int
    /// Chargify event key ("signup_success", "payment_failure", "dunning_step_reached", ...).
    public var key: String
    public var message: String
    public var subscriptionID: Int?
    public var customerID: Int?
    public var createdAt: Int64
    /// `event_specific_data` as JSON object text ("{}" when there is none).
    public var specificDataJSON: String
}
