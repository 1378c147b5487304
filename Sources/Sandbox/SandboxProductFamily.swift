/// A Chargify product family: groups products, components and coupons.
public struct SandboxProductFamily: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var handle: String
    public var description: String
    public var createdAt: Int64
}
