import ArgumentParser
import BillingActions
import BillingCore
import BillingStore
import Foundation

/// `billtop crm note CUSTOMER TEXT`: a note on the customer's contact.
struct CRMNoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Add a note to the customer's CRM contact (once, however often retried).")

    @OptionGroup var options: CRMWriteOptions
    @Argument(help: "The note's text.") var text: String

    func validate() throws {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("the note is empty: give its text")
        }
        if text.count > 5_000 { throw ValidationError("the note has \(text.count) characters; keep it to 5,000") }
    }

    func run() async throws {
        let setup = try await CRMWriteSetup.make(options)
        try await setup.run(
            .note(contactID: setup.contact.id, customerID: setup.customerID, body: text), options: options)
    }
}

/// `billtop crm task CUSTOMER TITLE --due DATE [--assignee USER]`: a task on the customer's contact, for its
/// owner unless another user is named.
struct CRMTaskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task", abstract: "Add a task to the customer's CRM contact (once, however often retried).")

    @OptionGroup var options: CRMWriteOptions
    @Argument(help: "The task's title.") var title: String
    @Option(name: .long, help: "The day it is due (YYYY-MM-DD, UTC).") var due: String
    @Option(name: .long, help: "The GHL user (id, e-mail or name) to assign; default: the contact's owner.")
    var assignee: String?
    @Option(name: .long, help: "The task's description.") var body = ""

    func validate() throws {
        if title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("the task has no title: give one")
        }
        if LocalDate(iso: due) == nil { throw ValidationError("--due takes a day as YYYY-MM-DD") }
    }

    func run() async throws {
        let setup = try await CRMWriteSetup.make(options)
        var user = setup.contact.ownerID
        if let assignee {
            let users = try setup.store.crmUsers().values
            let wanted = assignee.lowercased()
            let found = users.filter {
                $0.id == assignee || $0.email.lowercased() == wanted || $0.name.lowercased() == wanted
            }
            guard found.count == 1, let only = found.first else {
                throw CommandFailure(
                    "\(found.isEmpty ? "no" : "more than one") GHL user \(TextSanitizer.clean(assignee)); users: "
                        + users.map { "\($0.id) (\($0.name))" }.sorted().joined(separator: ", ").prefix(400))
            }
            user = only.id
        }
        let dueMs = LocalDate(iso: due).map { Timestamp(startOf: $0).secondsSinceEpoch * 1000 } ?? 0
        try await setup.run(
            .task(
                contactID: setup.contact.id, customerID: setup.customerID, title: title, body: body, due: dueMs,
                assignee: user),
            options: options)
    }
}

/// `billtop crm complete-task CUSTOMER TASK_ID`: marks one of the contact's tasks complete.
struct CRMCompleteTaskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "complete-task", abstract: "Mark a task of the customer's CRM contact complete.")

    @OptionGroup var options: CRMWriteOptions
    @Argument(help: "The GHL task id (see the customer's CRM panel).") var taskID: String

    func run() async throws {
        let setup = try await CRMWriteSetup.make(options)
        try await setup.run(
            .completeTask(contactID: setup.contact.id, customerID: setup.customerID, taskID: taskID),
            options: options)
    }
}
