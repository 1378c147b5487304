/// One field of one record replaced or removed in the Chargify JSON the sandbox serves: schema drift and
/// bad values the sandbox's typed model cannot hold (`"total_amount": {}`, `null`, a missing field).
public struct RecordPatch: Sendable, Hashable {
    /// Which Chargify resource the record is.
    public enum Resource: String, Sendable, Hashable {
        case customer, subscription, invoice
    }

    public var resource: Resource
    /// The record's `id` (customers, subscriptions) or `uid` (invoices), as text.
    public var id: String
    /// A top-level field of the record.
    public var field: String
    /// The JSON text to put there (`{}`, `null`, `"abc"`, `12`), or nil to remove the field.
    public var json: String?

    public init(_ resource: Resource, id: String, field: String, json: String?) {
        self.resource = resource
        self.id = id
        self.field = field
        self.json = json
    }
}
