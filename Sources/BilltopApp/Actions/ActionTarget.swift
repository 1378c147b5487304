import BillingCore
import BillingStore
import Foundation

/// What the action menu acts on: one customer, their subscriptions (most pressing first, one of them chosen),
/// and one invoice: the row the menu was opened on, else the oldest open one, else the newest.
public struct ActionTarget: Sendable, Equatable {
    public var key: CustomerKey
    public var customerName: String
    public var email: String
    /// Real subscriptions only (an estimate from invoice lines cannot be acted on), past due first.
    public var subscriptions: [Subscription]
    public var invoice: Invoice?
    /// The customer's CRM contact with its owner and open tasks (nil: the store holds no CRM contacts).
    public var crm: CRMPanel?

    public init(
        key: CustomerKey, customerName: String, email: String, subscriptions: [Subscription], invoice: Invoice?,
        crm: CRMPanel? = nil
    ) {
        self.key = key
        self.customerName = customerName
        self.email = email
        self.subscriptions = subscriptions
        self.invoice = invoice
        self.crm = crm
    }

    /// The target for a loaded customer. `invoiceID` or `invoiceNumber` names the row the menu was opened on
    /// (an invoices pane row, a dunning row's oldest overdue invoice); without either, the customer screen's
    /// choice: the oldest invoice with money due, else the newest invoice.
    public static func from(_ profile: CustomerProfile, invoiceID: String? = nil, invoiceNumber: String? = nil)
        -> ActionTarget
    {
        let subscriptions = profile.subscriptions.filter { !$0.isEstimate }.map(\.subscription)
            .enumerated().sorted { a, b in
                let (ra, rb) = (urgency(a.element.state), urgency(b.element.state))
                return ra != rb ? ra < rb : a.offset < b.offset
            }.map(\.element)
        let invoice: Invoice?
        if let invoiceID {
            invoice = profile.invoices.first { $0.id == invoiceID }
        } else if let invoiceNumber {
            invoice = profile.invoices.first { $0.number == invoiceNumber }
        } else {
            // `invoices` are newest first: the last open one is the oldest.
            invoice = profile.invoices.last { $0.status.isCollectible && $0.due.isPositive } ?? profile.invoices.first
        }
        return ActionTarget(
            key: profile.key, customerName: profile.customer.displayName, email: profile.customer.email,
            subscriptions: subscriptions, invoice: invoice, crm: profile.crm)
    }

    /// Past due and unpaid first (the ones an agent acts on), then live ones, then ended ones.
    static func urgency(_ state: SubscriptionState) -> Int {
        switch state {
        case .pastDue, .softFailure, .unpaid: 0
        case .active, .trialing, .onHold, .paused, .assessing, .pending: 1
        default: 2
        }
    }

    /// "Jane Doe <jane@example.com>", sanitised.
    public var customerLine: String {
        let name = TextSanitizer.clean(customerName)
        return email.isEmpty ? name : "\(name) <\(TextSanitizer.clean(email))>"
    }
}
