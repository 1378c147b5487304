/// A subscription: a customer on a product at a price, with components, coupons and a lifecycle.
public struct Subscription: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var customerID: String
    public var state: SubscriptionState
    public var previousState: SubscriptionState?
    public var productID: String
    public var productName: String
    public var productFamily: String
    /// The product price per interval (before components and coupons).
    public var productPrice: Money
    public var interval: BillingInterval
    public var components: [SubscriptionComponent]
    public var coupons: [Coupon]
    /// Amount owed on the subscription right now.
    public var balance: Money
    public var paymentCollectionMethod: String
    public var creditCard: CreditCard?
    public var currentPeriodStartedAt: Timestamp?
    public var currentPeriodEndsAt: Timestamp?
    public var nextAssessmentAt: Timestamp?
    public var trialEndedAt: Timestamp?
    public var activatedAt: Timestamp?
    public var canceledAt: Timestamp?
    /// When the subscription expired (or is set to expire): the end of an expired one.
    public var expiresAt: Timestamp?
    public var cancelAtEndOfPeriod: Bool
    /// When a scheduled (delayed) cancellation takes effect.
    public var scheduledCancellationAt: Timestamp?
    public var onHoldAt: Timestamp?
    public var createdAt: Timestamp?
    public var updatedAt: Timestamp?

    public init(
        id: String, customerID: String, state: SubscriptionState, previousState: SubscriptionState? = nil,
        productID: String = "", productName: String = "", productFamily: String = "", productPrice: Money,
        interval: BillingInterval = .monthly, components: [SubscriptionComponent] = [], coupons: [Coupon] = [],
        balance: Money? = nil, paymentCollectionMethod: String = "automatic", creditCard: CreditCard? = nil,
        currentPeriodStartedAt: Timestamp? = nil, currentPeriodEndsAt: Timestamp? = nil,
        nextAssessmentAt: Timestamp? = nil, trialEndedAt: Timestamp? = nil, activatedAt: Timestamp? = nil,
        canceledAt: Timestamp? = nil, cancelAtEndOfPeriod: Bool = false, scheduledCancellationAt: Timestamp? = nil,
        onHoldAt: Timestamp? = nil, createdAt: Timestamp? = nil, updatedAt: Timestamp? = nil,
        expiresAt: Timestamp? = nil
    ) {
        self.id = id
        self.customerID = customerID
        self.state = state
        self.previousState = previousState
        self.productID = productID
        self.productName = productName
        self.productFamily = productFamily
        self.productPrice = productPrice
        self.interval = interval
        self.components = components
        self.coupons = coupons
        self.balance = balance ?? .zero(productPrice.currency)
        self.paymentCollectionMethod = paymentCollectionMethod
        self.creditCard = creditCard
        self.currentPeriodStartedAt = currentPeriodStartedAt
        self.currentPeriodEndsAt = currentPeriodEndsAt
        self.nextAssessmentAt = nextAssessmentAt
        self.trialEndedAt = trialEndedAt
        self.activatedAt = activatedAt
        self.canceledAt = canceledAt
        self.expiresAt = expiresAt
        self.cancelAtEndOfPeriod = cancelAtEndOfPeriod
        self.scheduledCancellationAt = scheduledCancellationAt
        self.onHoldAt = onHoldAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The subscription's currency (its product price's).
    public var currency: Currency { productPrice.currency }

    /// A cancellation is scheduled but has not happened yet.
    public var hasScheduledCancellation: Bool {
        !state.isEnded && (cancelAtEndOfPeriod || scheduledCancellationAt != nil)
    }
}
