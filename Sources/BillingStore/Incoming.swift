/// A record fetched from a source, ready to be upserted: the value, its raw JSON, and decode flags.
public struct Incoming<Value: Sendable>: Sendable {
    public var value: Value
    /// The record's JSON exactly as the API sent it (kept for fields billtop reads later).
    public var raw: String
    /// Problems found while decoding ("due_amount: not a decimal"); the record is kept and flagged.
    public var flags: [String]
    /// Set when the raw JSON is not carried: an invoice or a subscription in a viewer's copy of a team store,
    /// whose JSON the team store keeps and no pane reads. The copy stores this digest (an invoice's JSON's; a
    /// subscription's content digest, its JSON with its components and coupons) and no text; its upsert compares
    /// digests. Customers and events carry their JSON (their upserts compare the text).
    public var rawDigest: Int64?

    public init(value: Value, raw: String, flags: [String] = []) {
        self.value = value
        self.raw = raw
        self.flags = flags
    }

    /// A record whose raw JSON stays where it is, known here by its digest (`RawDigest.of`).
    public init(value: Value, rawDigest: Int64, flags: [String] = []) {
        self.init(value: value, raw: "", flags: flags)
        self.rawDigest = rawDigest
    }
}
