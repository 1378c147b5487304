import BillingCore
import BillingStore
import TUIKit

/// The customer screen's CRM lines (issue 19): the linked GHL contact with its owner, tags, phone and last
/// activity; its open tasks, soonest due first, overdue ones marked; its latest notes. An ambiguous or missing
/// link says so and how to fix it, never a guess.
public enum CRMPanelView {
    /// Draws from row `y` and answers the first free row.
    static func render(_ panel: CRMPanel, asOf: LocalDate, into grid: inout CellGrid, x: Int, y: Int, width: Int)
        -> Int
    {
        var y = y
        func line(_ label: String, _ text: String, _ role: StyleRole) {
            grid.field(label, x: x, y: y, width: 7, style: CellStyle(.muted))
            grid.field(text, x: x + 7, y: y, width: width - 7, style: CellStyle(role))
            y += 1
        }
        guard let contact = panel.contact else {
            let role: StyleRole = { if case .ambiguous = panel.link { return .warn } else { return .muted } }()
            line("CRM", summary(panel.link), role)
            return y
        }
        var facts = [TextSanitizer.clean(contact.displayName), panel.link.summary]
        if !panel.ownerName.isEmpty { facts.append("owner \(TextSanitizer.clean(panel.ownerName))") }
        if !contact.tags.isEmpty {
            facts.append("tags " + contact.tags.map(TextSanitizer.clean).joined(separator: ", "))
        }
        if !contact.phone.isEmpty { facts.append(TextSanitizer.clean(contact.phone)) }
        if let last = panel.lastActivity { facts.append("last activity \(day(last))") }
        line("CRM", facts.joined(separator: " · "), .text)
        if panel.openTasks.isEmpty {
            line("Tasks", "no open tasks", .muted)
        } else {
            let overdue = panel.openTasks.contains { isOverdue($0, asOf: asOf) }
            let tasks = panel.openTasks.map { task -> String in
                let due =
                    task.dueDate.map { " (due \(day($0))\(isOverdue(task, asOf: asOf) ? ", overdue" : ""))" } ?? ""
                return TextSanitizer.clean(task.title) + due
            }
            line("Tasks", "\(panel.openTasks.count) open: " + tasks.joined(separator: " · "), overdue ? .danger : .text)
        }
        if let note = panel.latestNotes.first {
            let more = panel.latestNotes.count > 1 ? " (+\(panel.latestNotes.count - 1) more)" : ""
            line("Notes", "\(day(note.dateAdded)) \(TextSanitizer.clean(note.body))\(more)", .text)
        }
        return y
    }

    static func summary(_ link: CRMLink) -> String {
        switch link {
        case .none: "no GHL contact with this customer's e-mail or reference (`billtop link CUSTOMER CONTACT`)"
        default: link.summary
        }
    }

    static func isOverdue(_ task: CRMTask, asOf: LocalDate) -> Bool {
        guard let due = task.dueDate else { return false }
        return Timestamp(secondsSinceEpoch: due / 1000).utcDate < asOf
    }

    /// A GHL time (milliseconds since 1970) as its UTC day.
    static func day(_ milliseconds: Int64) -> String {
        Timestamp(secondsSinceEpoch: milliseconds / 1000).utcDate.description
    }
}
