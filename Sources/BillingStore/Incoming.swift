/// A record fetched from a source, ready to be upserted: the value, its raw JSON, and decode flags.
public struct Incoming<Value: Sendable>: Sendable {
    public var value: Value
    /// The record's JSON exactly as the API sent it (kept for fields billtop reads later).
    public var raw: String
    /// Problems found while decoding ("due_amount: not a decimal"); the record is kept and flagged.
    public var flags: [String]

    public init(value: Value, raw: String, flags: [String] = []) {
        self.value = value
        self.raw = raw
        self.flags = flags
    }
}
