import BillingActions
import BillingCore
import Foundation

/// What a menu entry or a form does: a change at the billing provider (through `ActionRunner`, with the
/// source's allowlist and read-only switch), or a write to the customer's CRM contact (through
/// `CRMWriteRunner`: GHL takes no idempotency key, so a resumed write looks before it sends again), or the
/// customer's link to a contact (`billtop link` from the screen).
public enum ActionIntent: Sendable, Hashable {
    case billing(ActionKind)
    case crm(CRMWrite.Kind)
    /// Link the customer to a CRM contact by hand, or unlink it: billtop's own store, nothing sent.
    case linkContact

    /// The billing action, when it is one.
    public var billing: ActionKind? {
        if case .billing(let kind) = self { return kind }
        return nil
    }

    /// The CRM write, when it is one.
    public var crm: CRMWrite.Kind? {
        if case .crm(let kind) = self { return kind }
        return nil
    }
}
