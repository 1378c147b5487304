/// One entry of a component's allocation history as Chargify's allocations listing serves it: the quantity set
/// at `at` and the one before (seconds since 1970, UTC).
public struct SandboxAllocationRecord: Sendable, Equatable {
    public var id: Int
    public var subscriptionID: Int
    public var componentID: Int
    public var quantity: Int
    public var previousQuantity: Int
    public var at: Int64
    public var memo: String

    public init(
        id: Int, subscriptionID: Int, componentID: Int, quantity: Int, previousQuantity: Int, at: Int64,
        memo: String = ""
    ) {
        self.id = id
        self.subscriptionID = subscriptionID
        self.componentID = componentID
        self.quantity = quantity
        self.previousQuantity = previousQuantity
        self.at = at
        self.memo = memo
    }
}
