import BillingCore
import BillingStore
import Foundation

/// Everything the customer screen shows about one customer.
public struct CustomerProfile: Sendable, Equatable {
    /// A subscription with its MRR (nil when it does not count in MRR).
    public struct SubscriptionLine: Sendable, Equatable {
        public var subscription: Subscription
        public var mrr: Money?
        /// A placeholder estimated from recurring invoice lines (a source without subscriptions): shown, never
        /// acted on.
        public var isEstimate: Bool

        public init(subscription: Subscription, mrr: Money?, isEstimate: Bool = false) {
            self.subscription = subscription
            self.mrr = mrr
            self.isEstimate = isEstimate
        }
    }

    public var key: CustomerKey
    public var customer: Customer
    public var subscriptions: [SubscriptionLine]
    /// Newest first, with payments.
    public var invoices: [Invoice]
    public var mrr: MoneyTotals
    public var overdue: MoneyTotals
    public var openDue: MoneyTotals
    public var asOf: LocalDate
    /// The account's history, newest first (the source's events; later also billtop's own actions).
    public var timeline: [TimelineEntry] = []
    /// The linked GHL contact, its tasks and notes (nil: the store holds no CRM contacts).
    public var crm: CRMPanel?

    public init(
        key: CustomerKey, customer: Customer, subscriptions: [SubscriptionLine], invoices: [Invoice],
        mrr: MoneyTotals, overdue: MoneyTotals, openDue: MoneyTotals, asOf: LocalDate
    ) {
        self.key = key
        self.customer = customer
        self.subscriptions = subscriptions
        self.invoices = invoices
        self.mrr = mrr
        self.overdue = overdue
        self.openDue = openDue
        self.asOf = asOf
    }

    /// Lines below the subscriptions that j/k scroll: invoices with their payments, then (when there is one)
    /// a blank line, the timeline's heading and its entries. The renderer and the reducer both count with it.
    public var scrollLineCount: Int {
        let invoices = invoices.count + invoices.reduce(0) { $0 + $1.payments.count }
        return invoices + (timeline.isEmpty ? 0 : timeline.count + 2)
    }

    /// One word for the account: "unpaid", "past due", "overdue", "active", "canceled" or "no subscription".
    public var standing: String {
        let states = subscriptions.map(\.subscription.state)
        if states.contains(.unpaid) { return "unpaid" }
        if states.contains(.pastDue) || states.contains(.softFailure) { return "past due" }
        if !overdue.isEmpty { return "overdue" }
        if states.contains(.active) { return "active" }
        if states.contains(.trialing) { return "trialing" }
        if let first = states.first { return first.apiValue.replacingOccurrences(of: "_", with: " ") }
        return "no subscription"
    }
}
