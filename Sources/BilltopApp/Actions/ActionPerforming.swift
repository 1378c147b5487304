import BillingActions
import BillingCore
import Foundation

/// What the dashboard acts through: who may act where (asked once, at start), performing one action, and
/// resuming the attempts a crash or a lost connection left unanswered. `ActionDesk` is the real one; tests
/// give a fake.
public protocol ActionPerforming: Sendable {
    var availability: ActionAvailability { get }
    /// Performs `action` on the source named `source` (resuming unfinished attempts on the same object first).
    func perform(_ action: BillingActions.Action, source: String) async -> ActionReport
    /// Writes a note or task to a customer's CRM contact (or completes a task), journalled under the
    /// customer's billing source `source`, resuming the contact's unfinished writes first.
    func performCRM(_ write: CRMWrite, source: String) async -> ActionReport
    /// Links the customer to the contact with id or e-mail `contact` by hand ("" unlinks), in the store.
    func linkContact(_ key: CustomerKey, contact: String) async -> ActionReport
    /// The customer's billing-portal link as one line to copy, or why there is none.
    func portalLink(customerID: String, source: String) async -> ActionReport
    /// Resends every attempt that was sent and never answered (billing actions with their own token, CRM
    /// writes after a look at the contact). Empty when none.
    func resumePending() async -> [ActionReport]
}
