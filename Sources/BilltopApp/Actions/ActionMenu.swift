import BillingCore
import BillingStore
import Foundation

/// The open action menu: the object it was opened on and the entries that apply there, each with its key and,
/// when it cannot be done, why (the object's state, read-only, the allowlist, a missing key).
public struct ActionMenu: Sendable, Equatable {
    public var target: ActionTarget
    /// Which of the target's subscriptions the subscription actions address (Tab cycles).
    public var subscriptionIndex = 0
    public var entries: [ActionMenuEntry] = []
    /// Why the last key chose nothing (an unavailable entry), shown under the entries.
    public var problem: String?
    /// A read's answer shown under the entries (the billing-portal link to copy).
    public var notice: ActionReport?

    public init(target: ActionTarget, availability: ActionAvailability) {
        self.target = target
        entries = Self.entries(target, subscriptionIndex: 0, availability: availability)
    }

    public var subscription: Subscription? {
        target.subscriptions.indices.contains(subscriptionIndex) ? target.subscriptions[subscriptionIndex] : nil
    }

    /// Chooses the next subscription and recomputes what applies to it.
    public mutating func nextSubscription(_ availability: ActionAvailability) {
        guard target.subscriptions.count > 1 else { return }
        subscriptionIndex = (subscriptionIndex + 1) % target.subscriptions.count
        entries = Self.entries(target, subscriptionIndex: subscriptionIndex, availability: availability)
        problem = nil
    }

    /// Every menu action, labelled with its object, available or with the first reason it is not: the
    /// object's state first (it says what to do), then the source's rules.
    static func entries(_ target: ActionTarget, subscriptionIndex: Int, availability: ActionAvailability)
        -> [ActionMenuEntry]
    {
        let subscription =
            target.subscriptions.indices.contains(subscriptionIndex) ? target.subscriptions[subscriptionIndex] : nil
        let billing = ActionRules.menu.map { command, kind in
            let reason =
                ActionRules.misfit(kind, invoice: target.invoice, subscription: subscription)
                ?? availability.reason(kind, source: target.key.source)
            return ActionMenuEntry(
                intent: .billing(kind), command: command, label: label(kind, target.invoice, subscription),
                unavailable: reason)
        }
        // Without CRM contacts in the store (no GHL location synced) the CRM lines would only be noise.
        guard target.crm != nil else { return billing }
        let crm = CRMActionRules.menu.map { command, kind in
            ActionMenuEntry(
                intent: .crm(kind), command: command, label: CRMActionRules.label(kind, crm: target.crm),
                unavailable: CRMActionRules.misfit(kind, crm: target.crm) ?? availability.crmReason)
        }
        let link = ActionMenuEntry(
            intent: .linkContact, command: CRMActionRules.linkCommand,
            label: "link to another CRM contact, or unlink (\(TextSanitizer.clean(target.crm?.link.summary ?? "")))",
            unavailable: nil)
        return billing + crm + [link]
    }

    /// "resend invoice 1042", "record a payment on invoice 1042", "retry subscription 88231".
    static func label(_ kind: ActionKind, _ invoice: Invoice?, _ subscription: Subscription?) -> String {
        switch kind.target {
        case .invoice: return kind.phrase(invoice.map { "invoice \(TextSanitizer.clean($0.number))" } ?? "")
        case .subscription:
            // The card-update e-mail goes to the customer, whichever subscription the menu is on.
            return kind.phrase(
                kind == .cardUpdateEmail ? "" : subscription.map { "subscription \(TextSanitizer.clean($0.id))" } ?? "")
        case .customer: return kind.phrase("")
        }
    }

    /// The entry a menu key chose.
    public func entry(for command: Command) -> ActionMenuEntry? { entries.first { $0.command == command } }
}
