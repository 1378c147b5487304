import BillingCore

extension TrutoRoutes {
    /// Bracket-operator time bounds (`updated_at[gte]=...`) on one field, as seconds.
    struct Bounds {
        var lower: Int64?
        var upper: Int64?

        func contains(_ value: Int64) -> Bool {
            if let lower, value < lower { return false }
            if let upper, value > upper { return false }
            return true
        }
    }

    static func bounds(_ request: SandboxRequest, field: String) -> Result<Bounds?, SandboxResponse> {
        var bounds = Bounds()
        var any = false
        for op in ["gt", "gte", "lt", "lte"] {
            guard let text = request["\(field)[\(op)]"], !text.isEmpty else { continue }
            guard let time = Timestamp(iso: text.trimmed) else {
                return .failure(
                    SandboxAPI.truto.error(400, "\(field)[\(op)] must be an ISO 8601 time like 2026-01-01T00:00:00Z."))
            }
            let t = time.secondsSinceEpoch
            switch op {
            case "gt": bounds.lower = max(bounds.lower ?? .min, t + 1)
            case "gte": bounds.lower = max(bounds.lower ?? .min, t)
            case "lt": bounds.upper = min(bounds.upper ?? .max, t - 1)
            default: bounds.upper = min(bounds.upper ?? .max, t)
            }
            any = true
        }
        return .success(any ? bounds : nil)
    }

    func list(_ request: SandboxRequest, resource: String) -> SandboxResponse {
        let resolved: (page: Int, limit: Int, filters: SandboxRequest)
        switch cursorPage(request) {
        case .failure(let response): return response
        case .success(let value): resolved = value
        }
        let filters = resolved.filters
        let created: Bounds?
        let updated: Bounds?
        switch (Self.bounds(filters, field: "created_at"), Self.bounds(filters, field: "updated_at")) {
        case (.failure(let response), _), (_, .failure(let response)): return response
        case (.success(let c), .success(let u)):
            created = c
            updated = u
        }
        let paging = Paging(page: resolved.page, perPage: resolved.limit)
        var sortKey: ((Int) -> Int64)?
        var descending = resource == "invoices"  // the provider's default orders show through
        for field in ["updated_at", "created_at"] {
            if let direction = filters["sort_by[\(field)]"] {
                descending = direction.lowercased() == "desc"
                sortKey =
                    field == "updated_at"
                    ? (resource == "customers"
                        ? { company.customers[$0].updatedAt } : { company.invoices[$0].updatedAt })
                    : (resource == "customers"
                        ? { company.customers[$0].createdAt } : { company.invoices[$0].createdAt })
            }
        }
        if resource == "customers" {
            let list = company.customers
            let email = filters["email"]
            let match: ((Int) -> Bool)? =
                created == nil && updated == nil && email == nil
                ? nil
                : { index in
                    let c = list[index]
                    if let created, !created.contains(c.createdAt) { return false }
                    if let updated, !updated.contains(c.updatedAt) { return false }
                    if let email, c.email.lowercased() != email.lowercased() { return false }
                    return true
                }
            let positions = engine.page(
                resource: "truto-customers", request: filters, count: list.count, paging: paging,
                descending: descending, match: match, sortKey: sortKey)
            return envelope(page: resolved.page, limit: resolved.limit, filters: filters, count: positions.count) { w in
                for index in positions {
                    let c = list[index]
                    engine.element(.trutoCustomer, at: index, source: .customer(c), into: &w) {
                        encoder.customer(c, into: &$0)
                    }
                }
            }
        }
        let list = company.invoices
        let statuses = Set(filters.values("status").map { $0 == "cancelled" ? "canceled" : $0 })
        let customerIDs = Set(filters.values("customer_id").compactMap { Int($0) })
        let subscriptionID = filters["subscription_id"].flatMap { Int($0) }
        let number = filters["number"]
        let filtered =
            created != nil || updated != nil || !statuses.isEmpty || !customerIDs.isEmpty || subscriptionID != nil
            || number != nil
        let match: ((Int) -> Bool)? =
            !filtered
            ? nil
            : { index in
                let i = list[index]
                if let created, !created.contains(i.createdAt) { return false }
                if let updated, !updated.contains(i.updatedAt) { return false }
                if !statuses.isEmpty, !statuses.contains(i.status) { return false }
                if !customerIDs.isEmpty, !customerIDs.contains(i.customerID) { return false }
                if let subscriptionID, i.subscriptionID != subscriptionID { return false }
                if let number, String(i.number) != number { return false }
                return true
            }
        let positions = engine.page(
            resource: "truto-invoices", request: filters, count: list.count, paging: paging,
            descending: descending, match: match, sortKey: sortKey)
        return envelope(page: resolved.page, limit: resolved.limit, filters: filters, count: positions.count) { w in
            for index in positions {
                let i = list[index]
                engine.element(
                    .trutoInvoice, at: index, source: .invoice(i, company.customer(id: i.customerID)), into: &w
                ) {
                    encoder.invoice(i, into: &$0)
                }
            }
        }
    }

    /// `/proxy/{resource}[/{id}[/{sub}]]`: the provider's list array as `result` under a cursor, or its
    /// get body verbatim. Query parameters are forwarded to the provider.
    func proxy(_ request: SandboxRequest) -> SandboxResponse {
        let parts = request.path.dropFirst("/proxy/".count).split(separator: "/").map(String.init)
        guard !parts.isEmpty, request.method == "GET" else {
            return SandboxAPI.truto.error(404, "Unknown proxy resource: \(request.path)")
        }
        var segments = parts
        segments[segments.count - 1] += ".json"
        let routes = ChargifyRoutes(company: company, engine: engine)
        // A collection (`subscriptions`, `subscriptions/1/components`, `.../components/2/allocations`) or one
        // record (`subscriptions/1`).
        let isList = parts.count % 2 == 1
        guard isList else {
            guard let response = routes.handle(request, segments: segments), response.isSuccess else {
                return SandboxAPI.truto.error(
                    404, "Resource \(parts.joined(separator: "/")) was not found at the provider.", remote: true)
            }
            return response
        }
        let resolved: (page: Int, limit: Int, filters: SandboxRequest)
        switch cursorPage(request) {
        case .failure(let response): return response
        case .success(let value): resolved = value
        }
        var forwarded = resolved.filters
        forwarded.query.removeAll { $0.0 == "page" || $0.0 == "per_page" }
        forwarded.query.append(("page", String(resolved.page)))
        forwarded.query.append(("per_page", String(resolved.limit)))
        guard let response = routes.handle(forwarded, segments: segments) else {
            return SandboxAPI.truto.error(404, "Unknown proxy resource: \(parts[0])")
        }
        guard response.isSuccess, let (range, count) = JSONArrayScanner.recordArray(response.body) else {
            var failed = SandboxAPI.truto.error(
                response.status, "The provider answered \(response.status).", remote: true)
            failed.status = response.status
            return failed
        }
        // The provider pages its lists and its catalogue (a component's price points too); a subscription's
        // components and the product lists come whole, in one page.
        let paged =
            parts.count == 1
            ? Self.pagedResources.contains(parts[0])
            : parts[0] == "components" && parts[2] == "price_points"
        var envelope = self.envelope(
            page: resolved.page, limit: resolved.limit, filters: resolved.filters, count: count,
            hasMore: paged ? count == resolved.limit : false
        ) { _ in }
        // Splice the provider's array bytes in place of the empty result.
        let placeholder = Array("\"result\":[]".utf8)
        if let at = Self.find(placeholder, in: envelope.body) {
            envelope.body.replaceSubrange(
                at..<(at + placeholder.count), with: Array("\"result\":".utf8) + response.body[range])
        }
        return envelope
    }

    /// Proxied lists the provider pages (by `page`/`per_page`, which a cursor wraps).
    static let pagedResources: Set<String> = [
        "subscriptions", "customers", "invoices", "events", "subscriptions_components", "components", "coupons",
        "components_price_points",
    ]

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return start }
        }
        return nil
    }
}

extension Paging {
    init(page: Int, perPage: Int) {
        self.page = page
        self.perPage = perPage
    }
}
