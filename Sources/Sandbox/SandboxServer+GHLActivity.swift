import BillingCore
import Foundation

/// GHL's contact activity routes: notes (list, create, get, update, delete), tasks (list, create, get, update,
/// complete, delete), tags (add, remove), and the location's users, in the v2 API's shapes.
extension SandboxServer {
    func ghlActivity(_ request: SandboxRequest, parts: [String], object: [String: Any]) async -> SandboxResponse {
        let api = SandboxAPI.ghl
        let company = await world.company
        let contactID = parts[1]
        guard let index = company.contactIndex(id: contactID) else { return api.error(400, "Contact not found") }
        let contact = company.ghlContacts[index]
        switch (request.method, parts[2], parts.count) {
        case ("GET", "notes", 3):
            return .json(200, list("notes", contact.notes) { GHLEncoder.note($0, contactID: contactID, into: &$1) })
        case ("POST", "notes", 3):
            guard let body = object["body"] as? String, !body.isEmpty else {
                return api.error(422, "body should not be empty")
            }
            guard
                let note = await world.ghlAddNote(
                    contactID: contactID, body: body, userID: object["userId"] as? String ?? "")
            else { return api.error(400, "Contact not found") }
            return .json(201, single("note") { GHLEncoder.note(note, contactID: contactID, into: &$0) })
        case ("GET", "notes", 4):
            guard let note = contact.notes.first(where: { $0.id == parts[3] }) else {
                return api.error(404, "Note not found")
            }
            return .json(200, single("note") { GHLEncoder.note(note, contactID: contactID, into: &$0) })
        case ("GET", "tasks", 3):
            return .json(200, list("tasks", contact.tasks) { GHLEncoder.task($0, contactID: contactID, into: &$1) })
        case ("POST", "tasks", 3):
            guard let title = (object["title"] as? String)?.trimmed, !title.isEmpty else {
                return api.error(422, "title should not be empty")
            }
            guard let due = (object["dueDate"]).flatMap(GHLSearch.millis) else {
                return api.error(422, "dueDate must be a valid ISO 8601 date string")
            }
            guard
                let task = await world.ghlAddTask(
                    contactID: contactID, title: title, body: object["body"] as? String ?? "", due: due / 1000,
                    assignedTo: object["assignedTo"] as? String ?? contact.assignedTo)
            else { return api.error(400, "Contact not found") }
            return .json(201, single("task") { GHLEncoder.task(task, contactID: contactID, into: &$0) })
        case ("GET", "tasks", 4):
            guard let task = contact.tasks.first(where: { $0.id == parts[3] }) else {
                return api.error(404, "Task not found")
            }
            return .json(200, single("task") { GHLEncoder.task(task, contactID: contactID, into: &$0) })
        case ("PUT", "tasks", 4),
            ("PUT", "tasks", 5) where parts.count == 4 || parts[4] == "completed":
            let completing = parts.count == 5
            if completing, !(object["completed"] is Bool) { return api.error(422, "completed must be a boolean") }
            let due = object["dueDate"].flatMap(GHLSearch.millis)
            let completed = object["completed"] as? Bool
            let title = (object["title"] as? String)?.trimmed
            let body = object["body"] as? String
            let owner = object["assignedTo"] as? String
            guard
                let task = await world.ghlUpdateTask(
                    contactID: contactID, taskID: parts[3],
                    { task in
                        if let completed { task.completed = completed }
                        guard !completing else { return }
                        if let title, !title.isEmpty { task.title = title }
                        if let body { task.body = body }
                        if let due { task.dueDate = due / 1000 }
                        if let owner { task.assignedTo = owner }
                    })
            else { return api.error(404, "Task not found") }
            return .json(200, single("task") { GHLEncoder.task(task, contactID: contactID, into: &$0) })
        case ("DELETE", "tasks", 4):
            guard await world.ghlDeleteTask(contactID: contactID, taskID: parts[3]) else {
                return api.error(404, "Task not found")
            }
            return .json(200, text: "{\"succeded\":true}")
        case ("POST", "tags", 3), ("DELETE", "tags", 3):
            guard let tags = object["tags"] as? [String], !tags.isEmpty else {
                return api.error(422, "tags must be a non-empty array of strings")
            }
            guard let after = await world.ghlTags(contactID: contactID, tags, remove: request.method == "DELETE")
            else { return api.error(400, "Contact not found") }
            var w = JSONWriter()
            w.object { w in w.array("tags") { w in for tag in after { w.element(tag) } } }
            return .json(200, w)
        default:
            return api.error(404, "Cannot \(request.method) \(request.path)")
        }
    }

    /// `GET /users/?locationId=`: the location's users (contacts' owners).
    func ghlUsers(_ request: SandboxRequest) async -> SandboxResponse {
        let company = await world.company
        guard request.method == "GET" else {
            return SandboxAPI.ghl.error(404, "Cannot \(request.method) \(request.path)")
        }
        guard request["locationId"] == company.ghlLocationID else {
            return SandboxAPI.ghl.error(400, "locationId is required and must be your location.")
        }
        return .json(200, list("users", GHLGenerator.users(seed: company.seed)) { GHLEncoder.user($0, into: &$1) })
    }

    private func list<T>(_ name: StaticString, _ items: [T], _ encode: (T, inout JSONWriter) -> Void) -> JSONWriter {
        var w = JSONWriter()
        w.object { w in w.array(name) { w in for item in items { encode(item, &w) } } }
        return w
    }

    private func single(_ name: StaticString, _ encode: (inout JSONWriter) -> Void) -> JSONWriter {
        var w = JSONWriter()
        w.object { w in w.named(name, encode) }
        return w
    }
}

extension SandboxServer {
    /// A GHL request through the location's limits: over them, a 429 as GHL words it; either way the
    /// `X-RateLimit-*` headers.
    func ghlLimited(_ request: SandboxRequest) async -> SandboxResponse {
        let (allowed, headers) = ghlLimiter.admit()
        var response =
            allowed
            ? await ghl(request)
            : SandboxAPI.ghl.error(
                429, "The resource owner or authorization server denied the request. Too many requests.")
        response.headers += headers
        return response
    }
}
