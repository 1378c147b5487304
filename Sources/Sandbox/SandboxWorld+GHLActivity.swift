import BillingCore

/// A GHL contact's tasks and tags, changed as GHL changes them (each change bumps the contact's `dateUpdated`
/// only for tags, as the real API does for contact fields).
extension SandboxWorld {
    /// Adds a task; nil when there is no such contact.
    func ghlAddTask(contactID: String, title: String, body: String, due: Int64, assignedTo: String) -> GHLTask? {
        guard let index = company.contactIndex(id: contactID) else { return nil }
        let serial = UInt64(8_000_000_000 + company.version) ^ UInt64(index << 20)
        let task = GHLTask(
            id: GHLGenerator.contactID(seed: company.seed, serial: serial), title: title, body: body, dueDate: due,
            completed: false, assignedTo: assignedTo, dateUpdated: company.now.secondsSinceEpoch)
        company.ghlContacts[index].tasks.append(task)
        company.version += 1
        return task
    }

    /// Changes a task with `change`; nil when the contact or the task is not there.
    func ghlUpdateTask(contactID: String, taskID: String, _ change: @Sendable (inout GHLTask) -> Void) -> GHLTask? {
        guard let index = company.contactIndex(id: contactID),
            let t = company.ghlContacts[index].tasks.firstIndex(where: { $0.id == taskID })
        else { return nil }
        change(&company.ghlContacts[index].tasks[t])
        company.ghlContacts[index].tasks[t].dateUpdated = company.now.secondsSinceEpoch
        company.version += 1
        return company.ghlContacts[index].tasks[t]
    }

    /// Deletes a task; false when it is not there.
    func ghlDeleteTask(contactID: String, taskID: String) -> Bool {
        guard let index = company.contactIndex(id: contactID),
            let t = company.ghlContacts[index].tasks.firstIndex(where: { $0.id == taskID })
        else { return false }
        company.ghlContacts[index].tasks.remove(at: t)
        company.version += 1
        return true
    }

    /// Adds (or with `remove`, removes) tags, lower-cased as GHL keeps them; the contact's tags after, or nil.
    func ghlTags(contactID: String, _ tags: [String], remove: Bool) -> [String]? {
        guard let index = company.contactIndex(id: contactID) else { return nil }
        let wanted = tags.map { $0.trimmed.lowercased() }.filter { !$0.isEmpty }
        var current = company.ghlContacts[index].tags
        if remove {
            current.removeAll { wanted.contains($0.lowercased()) }
        } else {
            for tag in wanted where !current.contains(where: { $0.lowercased() == tag }) { current.append(tag) }
        }
        company.ghlContacts[index].tags = current
        company.ghlContacts[index].dateUpdated = company.now.secondsSinceEpoch
        company.version += 1
        return current
    }
}
