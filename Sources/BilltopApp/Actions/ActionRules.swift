import BillingCore
import Foundation

/// Which action fits an object in its present state, in words: Maxio refuses a retry on an active
/// subscription, a payment on a paid invoice, a resume on one that is not on hold. Checking here first turns
/// a provider's 422 into a line in the menu before anything is tried.
public enum ActionRules {
    /// The menu's commands in the order shown, each with its action.
    public static let menu: [(Command, ActionKind)] = [
        (.actResend, .resendInvoice), (.actPay, .recordPayment), (.actCardUpdate, .cardUpdateEmail),
        (.actNote, .addNote), (.actRetry, .retry), (.actCancelDunning, .cancelDunning), (.actPause, .pause),
        (.actResume, .resume), (.actCancelAtPeriodEnd, .cancelAtPeriodEnd), (.actUndoCancel, .undoCancel),
        (.actReactivate, .reactivate), (.actCoupon, .addCoupon),
    ]

    public static func kind(for command: Command) -> ActionKind? { menu.first { $0.0 == command }?.1 }

    /// Why `kind` does not fit the invoice or subscription, or nil when it does.
    public static func misfit(_ kind: ActionKind, invoice: Invoice?, subscription: Subscription?) -> String? {
        switch kind.target {
        case .invoice:
            guard let invoice else { return "this customer has no invoice" }
            if kind == .recordPayment, !(invoice.status.isCollectible && invoice.due.isPositive) {
                return "nothing is due on invoice \(TextSanitizer.clean(invoice.number))"
            }
            return nil
        case .customer:
            return "create customers from the shell: billtop customer create"
        case .subscription:
            guard let s = subscription else { return "this customer has no subscription" }
            return subscriptionMisfit(kind, s)
        }
    }

    static func subscriptionMisfit(_ kind: ActionKind, _ s: Subscription) -> String? {
        let state = s.state.apiValue.replacingOccurrences(of: "_", with: " ")
        let owing: [SubscriptionState] = [.pastDue, .softFailure, .unpaid]
        let ended: [SubscriptionState] = [.canceled, .expired, .trialEnded]
        switch kind {
        case .retry, .cancelDunning:
            return owing.contains(s.state) ? nil : "not past due (\(state))"
        case .pause:
            return [.active, .trialing].contains(s.state) ? nil : "not active (\(state))"
        case .resume:
            return [.onHold, .paused].contains(s.state) ? nil : "not paused (\(state))"
        case .cancelAtPeriodEnd:
            if s.cancelAtEndOfPeriod { return "already set to cancel (z undoes it)" }
            return ended.contains(s.state) ? "the subscription is \(state) (v reactivates it)" : nil
        case .undoCancel:
            return s.cancelAtEndOfPeriod ? nil : "not set to cancel"
        case .reactivate:
            return ended.contains(s.state) ? nil : "not canceled or expired (\(state))"
        case .cardUpdateEmail, .addCoupon:
            return ended.contains(s.state) ? "the subscription is \(state) (v reactivates it)" : nil
        default:
            return nil
        }
    }

    /// What the action does, in words, for the confirmation.
    public static func effect(_ kind: ActionKind) -> String {
        switch kind {
        case .resendInvoice: "e-mails the invoice again"
        case .recordPayment: "records a payment made outside Chargify (no card is charged)"
        case .cardUpdateEmail: "e-mails the customer a link to update their card"
        case .addNote: "adds a note to the subscription"
        case .retry: "charges the payment method on file for the balance now"
        case .cancelDunning: "stops dunning: no more retries or reminder e-mails"
        case .pause: "puts the subscription on hold: no renewals until resumed"
        case .resume: "resumes the subscription from hold"
        case .cancelAtPeriodEnd: "cancels the subscription when its current period ends"
        case .undoCancel: "keeps the subscription: the cancellation at the period's end is removed"
        case .reactivate: "reactivates the subscription (it may charge for a new period)"
        case .addCoupon: "applies a coupon to the subscription"
        case .createCustomer: "creates a customer"
        }
    }
}
