/// A note left on a subscription through the API (`POST /subscriptions/{id}/notes.json`).
public struct SandboxNote: Sendable, Equatable {
    public var id: Int
    public var subscriptionID: Int
    public var body: String
    public var sticky: Bool
    public var createdAt: Int64
    public var updatedAt: Int64

    /// The longest body the sandbox accepts. Maxio documents no limit; a bound keeps one request from growing
    /// the world without end, and gives clients a limit to validate against (not confirmed against the real API).
    public static let maximumBodyLength = 5_000
}

extension SandboxNote {
    /// Chargify's note fields, in a fixed order.
    func encode(offset: Int, into w: inout JSONWriter) {
        w.object { w in
            w.field("id", id)
            w.field("body", body)
            w.field("subscription_id", subscriptionID)
            w.time("created_at", createdAt, offset: offset)
            w.time("updated_at", updatedAt, offset: offset)
            w.field("sticky", sticky)
        }
    }
}
