/// Identifies a customer across sources: the source's name plus the source's own id.
public struct CustomerKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The configured source name (e.g. "acme").
    public var source: String
    /// The source's id for the customer.
    public var id: String

    public init(source: String, id: String) {
        self.source = source
        self.id = id
    }

    public static func < (lhs: CustomerKey, rhs: CustomerKey) -> Bool { (lhs.source, lhs.id) < (rhs.source, rhs.id) }

    public var description: String { "\(source)/\(id)" }
}
