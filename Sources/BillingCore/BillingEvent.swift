/// An event from the source's event log (Chargify `/events.json`): what happened, to whom, when.
public struct BillingEvent: Hashable, Sendable, Codable, Identifiable {
    /// Chargify's increasing integer event id.
    public var id: Int64
    /// The event key, e.g. "payment_failure", "dunning_step_reached", "customer_delete".
    public var key: String
    public var message: String
    public var subscriptionID: String?
    public var customerID: String?
    public var createdAt: Timestamp?
    /// The event's specific data as the source's JSON text (kept for fields billtop reads later).
    public var eventSpecificData: String

    public init(
        id: Int64, key: String, message: String = "", subscriptionID: String? = nil, customerID: String? = nil,
        createdAt: Timestamp? = nil, eventSpecificData: String = "{}"
    ) {
        self.id = id
        self.key = key
        self.message = message
        self.subscriptionID = subscriptionID
        self.customerID = customerID
        self.createdAt = createdAt
        self.eventSpecificData = eventSpecificData
    }
}
