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
    /// Whether `json` is spliced into the body byte for byte instead of parsed: for values Foundation's
    /// JSONSerialization cannot hold (`1e400`, a 30-digit integer), which a real server may still send.
    public var literal: Bool

    public init(_ resource: Resource, id: String, field: String, json: String?) {
        self.resource = resource
        self.id = id
        self.field = field
        self.json = json
        literal = false
    }

    /// A patch whose value is `text` exactly as written (it must be a JSON value for the body to stay JSON).
    public init(_ resource: Resource, id: String, field: String, literal text: String) {
        self.init(resource, id: id, field: field, json: text)
        literal = true
    }
}
