import BillingActions
import BillingCore
import BillingStore
import Foundation

/// The CRM entries of the action menu (issue 19 point 3): a note on the customer's contact, a task for its
/// owner, and completing one of its open tasks. Each fits only a customer with exactly one contact; the menu
/// says why not otherwise (no contact, an ambiguous e-mail, nothing open), before anything is tried.
public enum CRMActionRules {
    /// The menu's CRM commands in the order shown, after the billing ones.
    public static let menu: [(Command, CRMWrite.Kind)] = [
        (.actCRMNote, .note), (.actCRMTask, .task), (.actCRMCompleteTask, .completeTask),
    ]

    /// The menu's link entry: available whenever the store holds CRM contacts (an ambiguous or missing link
    /// is when it is needed most).
    public static let linkCommand = Command.actCRMLink

    /// Why `kind` does not fit the target's CRM side, or nil when it does.
    public static func misfit(_ kind: CRMWrite.Kind, crm: CRMPanel?) -> String? {
        guard let crm else { return "no CRM contacts in the store: sync a GHL location first" }
        guard crm.contact != nil else {
            // "no CRM contact: no contact" said nothing: name the way out instead.
            if case .none = crm.link { return "no linked CRM contact (b links one)" }
            return "no CRM contact: \(TextSanitizer.clean(crm.link.summary))"
        }
        if kind == .completeTask, crm.openTasks.isEmpty { return "the contact has no open task" }
        return nil
    }

    /// "add a CRM note to Jane Doe", "add a CRM task for Ann Owner", "complete a CRM task (2 open)".
    public static func label(_ kind: CRMWrite.Kind, crm: CRMPanel?) -> String {
        let contact = crm?.contact.map { TextSanitizer.clean($0.displayName) } ?? "the contact"
        switch kind {
        case .note:
            return "add a CRM note to \(contact)"
        case .task:
            let owner = crm.map { TextSanitizer.clean($0.ownerName) } ?? ""
            return owner.isEmpty ? "add a CRM task on \(contact)" : "add a CRM task for \(owner)"
        case .completeTask:
            let open = crm?.openTasks.count ?? 0
            return "complete a CRM task (\(open) open)"
        }
    }

    /// What the write does, in words, for the confirmation.
    public static func effect(_ kind: CRMWrite.Kind) -> String {
        switch kind {
        case .note: "adds a note to the contact in GHL"
        case .task: "adds a task to the contact in GHL"
        case .completeTask: "marks the task complete in GHL"
        }
    }

    /// The form's title.
    public static func title(_ kind: CRMWrite.Kind) -> String {
        switch kind {
        case .note: "Add a CRM note"
        case .task: "Add a CRM task"
        case .completeTask: "Complete a CRM task"
        }
    }
}
