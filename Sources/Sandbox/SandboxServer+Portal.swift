import BillingCore

extension SandboxServer {
    /// The reads that go with the actions and need the world, not just a snapshot: the management link
    /// (counted and limited), a subscription with its self-service page token, and a subscription's notes.
    /// Nil when the request is none of these.
    func actionRead(_ request: SandboxRequest, segments: [String]) async -> SandboxResponse? {
        if segments.count == 4, segments[0] == "portal", segments[1] == "customers",
            segments[3] == "management_link.json"
        {
            guard let id = Int(segments[2]) else { return ChargifyRoutes.notFoundResponse() }
            do throws(ActionRefusal) {
                let link = try await world.managementLink(customerID: id)
                let offset = await world.company.siteUTCOffsetSeconds
                var w = JSONWriter()
                link.encode(offset: offset, into: &w)
                return .json(200, w)
            } catch {
                return error.response
            }
        }
        guard segments.count >= 2, segments[0] == "subscriptions" else { return nil }
        if segments.count == 2, request.values("include").contains("self_service_page_token") {
            let company = await world.company
            guard segments[1].hasSuffix(".json"), let id = Int(segments[1].dropLast(5)),
                let s = company.subscription(id: id)
            else { return ChargifyRoutes.notFoundResponse() }
            let token = PortalLink.selfServicePageToken(seed: company.seed, subscriptionID: s.id)
            var w = JSONWriter()
            w.wrapped("subscription") { w in
                ChargifyEncoder(company: company).subscription(s, into: &w)
                // The encoder closes the object; the token goes in just before its closing brace.
                _ = w.bytes.popLast()
                w.bytes += Array(",\"self_service_page_token\":\"\(token)\"}".utf8)
            }
            return .json(200, w)
        }
        if segments.count == 3, segments[2] == "notes.json" {
            guard let id = Int(segments[1]), await world.company.subscription(id: id) != nil else {
                return ChargifyRoutes.notFoundResponse()
            }
            let notes = await world.notes.filter { $0.subscriptionID == id }
            let offset = await world.company.siteUTCOffsetSeconds
            let range = Paging(request, defaultPerPage: 20).range(count: notes.count)
            var w = JSONWriter()
            w.array { w in for note in notes[range] { w.wrapped("note") { note.encode(offset: offset, into: &$0) } } }
            return .json(200, w)
        }
        return nil
    }
}
