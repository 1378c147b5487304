/// A component on a subscription: its quantity (seats), on/off state or metered balance, and price point.
public struct SandboxAllocation: Sendable, Equatable {
    public var componentID: Int
    public var pricePointID: Int
    /// Allocated quantity for quantity-based components; 1 or 0 for on/off.
    public var allocatedQuantity: Int
    /// Usage balance this period for metered components.
    public var unitBalance: Int
    public var enabled: Bool
}
