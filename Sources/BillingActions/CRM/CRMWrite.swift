import BillingCore
import BillingStore
import Foundation

/// One write to a GHL contact (issue 19 point 3's shell side and point 5): a note, a task, or a task marked
/// complete. Journalled as an action (`crm_note`, `crm_task`, `crm_complete_task` on object kind `contact`),
/// so it is audited and joins the customer's timeline. GHL takes no idempotency key: `seen` keeps the ids of
/// the notes or tasks with the same text that the contact had before the first send, so a later look can
/// tell the one this attempt made from an older twin.
public struct CRMWrite: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case note = "crm_note"
        case task = "crm_task"
        case completeTask = "crm_complete_task"
    }

    public var kind: Kind
    public var contactID: String
    /// The billing customer it concerns (the audit by customer, the timeline).
    public var customerID: String?
    /// A note's body, or a task's description.
    public var body: String = ""
    /// A task's title.
    public var title: String = ""
    /// A task's due time, milliseconds since 1970.
    public var dueMilliseconds: Int64?
    /// A task's assignee (a GHL user id); "" for none.
    public var assignee: String = ""
    /// The task to complete.
    public var taskID: String = ""
    /// What the write stands for when billtop makes it itself (a dunning task's invoice and stage), so the
    /// same occasion is never written twice; "" for a person's write.
    public var occasion: String = ""
    /// Ids of same-text notes or tasks the contact had before the first send.
    public var seen: [String] = []

    public init(kind: Kind, contactID: String, customerID: String? = nil) {
        self.kind = kind
        self.contactID = contactID
        self.customerID = customerID
    }

    public static func note(contactID: String, customerID: String?, body: String) -> CRMWrite {
        var write = CRMWrite(kind: .note, contactID: contactID, customerID: customerID)
        write.body = body
        return write
    }

    public static func task(
        contactID: String, customerID: String?, title: String, body: String = "", due: Int64, assignee: String = ""
    ) -> CRMWrite {
        var write = CRMWrite(kind: .task, contactID: contactID, customerID: customerID)
        write.title = title
        write.body = body
        write.dueMilliseconds = due
        write.assignee = assignee
        return write
    }

    public static func completeTask(contactID: String, customerID: String?, taskID: String) -> CRMWrite {
        var write = CRMWrite(kind: .completeTask, contactID: contactID, customerID: customerID)
        write.taskID = taskID
        return write
    }

    /// The journal's parameters (strings and lists of strings only; never a token).
    public var parametersJSON: String {
        var object: [String: any Sendable] = [:]
        switch kind {
        case .note:
            object["body"] = body
        case .task:
            object["title"] = title
            object["body"] = body
            object["due_ms"] = dueMilliseconds.map { String($0) } ?? ""
            if !assignee.isEmpty { object["assigned_to"] = assignee }
        case .completeTask:
            object["task_id"] = taskID
        }
        if !occasion.isEmpty { object["occasion"] = occasion }
        if !seen.isEmpty { object["seen"] = seen }
        return ActionJSON.text(object)
    }

    /// The write a journal row holds; nil when the row is not a CRM write.
    public init?(_ entry: ActionJournalEntry) {
        self.init(
            kind: entry.kind, contactID: entry.objectID, customerID: entry.customerID, parameters: entry.parameters)
    }

    /// The write a journal row or a viewer's request describes (its kind, contact and parameters); nil for a
    /// kind that is not a CRM write.
    public init?(kind: String, contactID: String, customerID: String?, parameters: String) {
        guard let kind = Kind(rawValue: kind) else { return nil }
        let object = ActionJSON.object(parameters)
        func text(_ key: String) -> String { object[key] as? String ?? "" }
        self.init(kind: kind, contactID: contactID, customerID: customerID)
        body = text("body")
        title = text("title")
        dueMilliseconds = Int64(text("due_ms"))
        assignee = text("assigned_to")
        taskID = text("task_id")
        occasion = text("occasion")
        seen = object["seen"] as? [String] ?? []
    }

    /// The same write, whatever was seen before it was sent: a second command for it resumes the first.
    public func isSame(as other: CRMWrite) -> Bool {
        var a = self
        var b = other
        a.seen = []
        b.seen = []
        return a == b
    }

    /// What it does, in words ("note on contact abc").
    public var summary: String {
        let what =
            switch kind {
            case .note: "note"
            case .task: "task \"\(title)\""
            case .completeTask: "complete task \(taskID)"
            }
        return TextSanitizer.clean("\(what) on contact \(contactID)")
    }
}
