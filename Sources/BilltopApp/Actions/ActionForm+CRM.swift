import BillingActions
import BillingCore
import BillingStore
import Foundation

/// The CRM writes' side of the form (issue 19 point 3): a note, a task for the contact's owner (its due day
/// typed, tomorrow to start with), or which open task to complete; then the confirmation naming the contact.
extension ActionForm {
    /// The longest note the shell takes (`billtop crm note`), so both refuse the same text.
    static let crmNoteLimit = 5_000

    static func crmFields(_ kind: CRMWrite.Kind, target: ActionTarget, today: LocalDate?) -> [ActionFormField] {
        switch kind {
        case .note:
            return [ActionFormField(.note, "Note", hint: "the note's text", limit: crmNoteLimit)]
        case .task:
            // An overdue invoice is the usual reason for a follow-up: start with it, editable.
            var title = ""
            if let invoice = target.invoice, invoice.status.isCollectible, invoice.due.isPositive {
                title =
                    "Follow up: \(MoneyFormatter.format(invoice.due)) due on invoice "
                    + TextSanitizer.clean(invoice.number)
            }
            return [
                ActionFormField(.title, "Title", text: title, hint: "what to do", limit: 200),
                ActionFormField(
                    .due, "Due", text: today.map { $0.adding(days: 1).description } ?? "", hint: "YYYY-MM-DD (UTC)",
                    limit: 10),
                ActionFormField(.details, "Details", hint: "optional", limit: 2_000),
            ]
        case .completeTask:
            let tasks = target.crm?.openTasks ?? []
            let choices = tasks.prefix(9).enumerated().map {
                "\($0.offset + 1) \(TextSanitizer.clean($0.element.title))"
            }
            return [
                ActionFormField(
                    .task, "Task", text: tasks.isEmpty ? "" : "1",
                    hint: "which open task: " + choices.joined(separator: " · "), limit: 3)
            ]
        }
    }

    /// Checks what was typed, whichever side the form writes to; throws the one line to show in the form.
    public func validate() throws(ActionProblem) {
        switch intent {
        case .billing: _ = try draft()
        case .crm: _ = try crmDraft()
        case .linkContact: break  // any text: the desk says when no single contact has it
        }
    }

    /// The open task the form's number chooses; throws the line to show when it chooses none.
    func chosenTask() throws(ActionProblem) -> CRMTask {
        let tasks = target.crm?.openTasks ?? []
        guard let number = Int(text(.task)), tasks.indices.contains(number - 1) else {
            throw ActionProblem(
                tasks.isEmpty ? "the contact has no open task" : "Task takes a number from 1 to \(tasks.count)")
        }
        return tasks[number - 1]
    }

    /// The CRM write as `CRMWriteRunner` takes it, validated; throws the one line to show in the form.
    public func crmDraft() throws(ActionProblem) -> CRMWrite {
        guard case .crm(let kind) = intent else { throw ActionProblem("this form acts on the billing side") }
        guard let contact = target.crm?.contact else {
            throw ActionProblem(CRMActionRules.misfit(kind, crm: target.crm) ?? "no CRM contact")
        }
        let customerID = target.key.id
        switch kind {
        case .note:
            let body = text(.note)
            if body.isEmpty { throw ActionProblem("the note is empty: type its text") }
            return .note(contactID: contact.id, customerID: customerID, body: body)
        case .task:
            let title = text(.title)
            if title.isEmpty { throw ActionProblem("the task has no title: type one") }
            guard let due = LocalDate(iso: text(.due)) else { throw ActionProblem("Due takes a day as YYYY-MM-DD") }
            return .task(
                contactID: contact.id, customerID: customerID, title: title, body: text(.details),
                due: Timestamp(startOf: due).secondsSinceEpoch * 1000, assignee: contact.ownerID)
        case .completeTask:
            let task = try chosenTask()
            return .completeTask(contactID: contact.id, customerID: customerID, taskID: task.id)
        }
    }

    /// What the confirmation says will happen: the contact, its owner, the effect and the text.
    var crmReviewLines: [String] {
        if case .linkContact = intent {
            let contact = text(.contact)
            return [
                "Customer: \(target.customerLine) (source \(TextSanitizer.clean(target.key.source)))",
                "Now: \(TextSanitizer.clean(target.crm?.link.summary ?? "no contact"))",
                contact.isEmpty
                    ? "This unlinks the customer from any contact, kept across syncs (nothing is sent to GHL)."
                    : "This links the customer to contact \(TextSanitizer.clean(contact)) by hand, kept across syncs "
                        + "(nothing is sent to GHL).",
            ]
        }
        guard case .crm(let kind) = intent, let crm = target.crm, let contact = crm.contact else {
            return ["No CRM contact: nothing can be sent"]
        }
        var lines = ["Customer: \(target.customerLine) (source \(TextSanitizer.clean(target.key.source)))"]
        let email = contact.email.isEmpty ? "" : " <\(TextSanitizer.clean(contact.email))>"
        lines.append(
            "GHL contact: \(TextSanitizer.clean(contact.displayName))\(email), id \(TextSanitizer.clean(contact.id))")
        lines.append("This \(CRMActionRules.effect(kind)).")
        switch kind {
        case .note:
            lines.append("Note: \(TextSanitizer.clean(text(.note)))")
        case .task:
            lines.append("Task: \(TextSanitizer.clean(text(.title))), due \(TextSanitizer.clean(text(.due)))")
            let owner = crm.ownerName.isEmpty ? "nobody (the contact has no owner)" : TextSanitizer.clean(crm.ownerName)
            lines.append("Assigned to: \(owner)")
            if !text(.details).isEmpty { lines.append("Details: \(TextSanitizer.clean(text(.details)))") }
        case .completeTask:
            if let task = try? chosenTask() {
                let due = task.dueDate.map { " (due \(Timestamp(secondsSinceEpoch: $0 / 1000).utcDate))" } ?? ""
                lines.append("Task: \(TextSanitizer.clean(task.title))\(due)")
            }
        }
        return lines
    }
}
