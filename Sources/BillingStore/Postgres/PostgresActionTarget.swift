/// The object a viewer's action names, as the team store last saw it: enough to fill the request's row and
/// its confirmation. serve's action core re-checks everything it needs before acting.
public struct PostgresActionTarget: Sendable, Equatable {
    /// The invoice uid, the subscription id.
    public let objectID: String
    public let customerID: String?
    /// One line for the confirmation ("invoice 1042 (inv_1)"), not yet sanitised.
    public let label: String
    /// An invoice's currency code and what is due on it, in minor units.
    public let currency: String?
    public let dueMinor: Int64?

    public init(objectID: String, customerID: String?, label: String, currency: String? = nil, dueMinor: Int64? = nil) {
        self.objectID = objectID
        self.customerID = customerID
        self.label = label
        self.currency = currency
        self.dueMinor = dueMinor
    }
}
