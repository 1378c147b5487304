import BillingCore

/// A Chargify subscription with its lifecycle times (seconds since 1970, UTC; nil when not set).
public struct SandboxSubscription: Sendable, Equatable {
    public var id: Int
    public var customerID: Int
    public var productID: Int
    /// Chargify's state spelling ("active", "past_due", ...).
    public var state: String
    public var previousState: String
    public var balanceInCents: Int64
    public var totalRevenueInCents: Int64
    /// Product price per interval in minor units of `currency`.
    public var productPriceInCents: Int64
    public var currency: Currency
    public var currentPeriodStartedAt: Int64
    public var currentPeriodEndsAt: Int64
    public var nextAssessmentAt: Int64?
    public var trialStartedAt: Int64?
    public var trialEndedAt: Int64?
    public var activatedAt: Int64?
    public var expiresAt: Int64?
    public var canceledAt: Int64?
    public var cancelAtEndOfPeriod: Bool
    public var delayedCancelAt: Int64?
    public var scheduledCancellationAt: Int64?
    public var onHoldAt: Int64?
    public var cancellationMessage: String?
    public var cancellationMethod: String?
    /// Coupon codes applied (at activation); the first is `coupon_code`.
    public var couponCodes: [String]
    /// "automatic", "remittance" or "prepaid".
    public var paymentCollectionMethod: String
    public var creditCard: SandboxCreditCard?
    public var components: [SandboxAllocation]
    /// The dunning step reached (1...), for subscriptions in dunning.
    public var dunningStep: Int?
    public var createdAt: Int64
    public var updatedAt: Int64
}
