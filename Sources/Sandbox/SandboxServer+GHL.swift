import Foundation

extension SandboxServer {
    /// GHL contacts v2: search, legacy list, get, create, upsert, update, delete; notes, tasks, tags (in
    /// `ghlActivity`) and the location's users.
    func ghl(_ request: SandboxRequest) async -> SandboxResponse {
        let api = SandboxAPI.ghl
        let parts = request.path.split(separator: "/").map(String.init)  // ["contacts", ...]
        if parts.first == "users" { return await ghlUsers(request) }
        let object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
        let company = await world.company
        switch (request.method, parts.count) {
        case ("GET", 1):
            guard request["locationId"] == company.ghlLocationID else {
                return api.error(400, "locationId is required and must be your location.")
            }
            let limit = min(100, max(1, request["limit"].flatMap { Int($0) } ?? 20))
            let query = request["query"]?.lowercased() ?? ""
            var start = 0
            if let after = request["startAfterId"], let index = company.contactIndex(id: after) { start = index + 1 }
            let matches = company.ghlContacts[start...].filter { query.isEmpty || Self.contactMatches($0, query) }
            return contactsBody(Array(matches.prefix(limit)), extra: ("count", matches.count))
        case ("POST", 2) where parts[1] == "search":
            guard object["locationId"] as? String == company.ghlLocationID else {
                return api.error(400, "locationId is required and must be your location.")
            }
            switch GHLSearch.parse(object) {
            case .failure(let refusal): return api.error(422, refusal.message)
            case .success(let search):
                let (page, total) = search.run(company.ghlContacts)
                return contactsBody(page, extra: ("total", total))
            }
        case ("POST", _) where parts.count == 1 || (parts.count == 2 && parts[1] == "upsert"):
            let upsert = parts.count == 2
            let draft = GHLContactDraft(object)
            guard draft.locationID == company.ghlLocationID else {
                return api.error(422, "locationId is required and must be your location.")
            }
            if let email = draft.email, !email.isEmpty, !Self.isEmail(email) {
                return api.error(422, "email must be an email")
            }
            guard let saved = await world.ghlSave(draft, upsert: upsert) else {
                return api.error(400, "This location does not allow duplicated contacts.")
            }
            var w = JSONWriter()
            w.object { w in
                if upsert { w.field("new", saved.isNew) }
                w.named("contact") { GHLEncoder.contact(saved.contact, into: &$0) }
            }
            return .json(upsert ? 200 : 201, w)
        case ("GET", 2):
            guard let index = company.contactIndex(id: parts[1]) else { return api.error(400, "Contact not found") }
            var w = JSONWriter()
            w.object { w in w.named("contact") { GHLEncoder.contact(company.ghlContacts[index], into: &$0) } }
            return .json(200, w)
        case ("PUT", 2):
            guard let contact = await world.ghlUpdate(id: parts[1], GHLContactDraft(object)) else {
                return api.error(400, "Contact not found")
            }
            var w = JSONWriter()
            w.object { w in
                w.field("succeded", true)
                w.named("contact") { GHLEncoder.contact(contact, into: &$0) }
            }
            return .json(200, w)
        case ("DELETE", 2):
            guard await world.ghlDelete(id: parts[1]) else { return api.error(400, "Contact not found") }
            return .json(200, text: "{\"succeded\":true}")
        case (_, 3...) where ["notes", "tasks", "tags"].contains(parts[2]):
            return await ghlActivity(request, parts: parts, object: object)
        default:
            return api.error(404, "Cannot \(request.method) \(request.path)")
        }
    }

    static func contactMatches(_ contact: GHLContact, _ query: String) -> Bool {
        [contact.email, contact.firstName, contact.lastName, contact.companyName, contact.phone]
            .contains { $0.lowercased().contains(query) }
    }

    private func contactsBody(_ contacts: [GHLContact], extra: (StaticString, Int)) -> SandboxResponse {
        var w = JSONWriter()
        w.object { w in
            w.array("contacts") { w in for contact in contacts { GHLEncoder.contact(contact, into: &w) } }
            w.field(extra.0, extra.1)
        }
        return .json(200, w)
    }

    /// Truto: unified and proxy reads over a snapshot of the company. Cursors carry the wall clock only
    /// when cursor expiry is on, so fault-free responses stay byte-identical across runs.
    func truto(_ request: SandboxRequest, plan: FaultPlan) async -> SandboxResponse {
        if request.path.hasPrefix("/proxy/"), request.method != "GET" { return await proxyWrite(request) }
        if request.path.hasPrefix("/proxy/portal/") {
            // The management link is counted and limited by the world, so the proxy reaches it as Chargify does;
            // a provider's error comes back as Truto's remote error.
            var segments = request.path.dropFirst("/proxy/".count).split(separator: "/").map(String.init)
            if !segments.isEmpty { segments[segments.count - 1] += ".json" }
            if let response = await actionRead(request, segments: segments) {
                return response.isSuccess
                    ? response
                    : SandboxAPI.truto.error(response.status, "The provider answered \(response.status).", remote: true)
            }
        }
        let company = await world.company
        let routes = TrutoRoutes(
            company: company, engine: ListingEngine(cache: cache, version: company.version, records: records),
            plan: plan,
            wallClock: plan.cursorExpirySeconds == nil ? 0 : Int64(Date().timeIntervalSince1970))
        return routes.handle(request)
    }
}
