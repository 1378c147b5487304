/// A coupon change the world made to a subscription (Chargify logs no event for it): the codes it had until
/// `at`. The sandbox keeps these so its own MRR movements know when coupons came and went.
public struct SandboxCouponChange: Sendable, Equatable {
    public var subscriptionID: Int
    public var at: Int64
    public var codesBefore: [String]

    public init(subscriptionID: Int, at: Int64, codesBefore: [String]) {
        self.subscriptionID = subscriptionID
        self.at = at
        self.codesBefore = codesBefore
    }
}
