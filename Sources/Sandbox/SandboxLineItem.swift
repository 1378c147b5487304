/// One invoice line; `kind` tells recurring product/component lines from usage and one-off lines.
public struct SandboxLineItem: Sendable, Equatable {
    public var uid: String
    public var title: String
    public var description: String
    public var quantity: Int
    public var unitPrice: Int64
    public var subtotal: Int64
    public var discount: Int64
    public var tax: Int64
    /// Service period, days since 1970, inclusive.
    public var periodStartDay: Int
    public var periodEndDay: Int
    public var productID: Int?
    public var componentID: Int?
    public var pricePointID: Int?
    /// "baseline" (the plan), "quantity_based_component", "on_off_component", "metered_component"
    /// or "initial" (setup fees and other one-off charges at sign-up), as Maxio's LineItemKind.
    public var kind: String

    public var total: Int64 { subtotal - discount + tax }
}
