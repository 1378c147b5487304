/// A domain value as the store holds it: its key, whether it was tombstoned, and decode flags.
public struct Stored<Value: Sendable>: Sendable {
    /// Identity (source, remote id).
    public var key: RecordKey
    /// The BillingCore value.
    public var value: Value
    /// Set when the record vanished upstream (deletion event or full reconciliation).
    public var deletedAt: Int64?
    /// Fields that could not be read when the record was fetched ("total_amount: not a decimal").
    public var flags: [String]

    public init(key: RecordKey, value: Value, deletedAt: Int64? = nil, flags: [String] = []) {
        self.key = key
        self.value = value
        self.deletedAt = deletedAt
        self.flags = flags
    }
}

extension Stored: Equatable where Value: Equatable {}
