import BillingCore

extension ChargifyRoutes {
    /// `GET /customers.json`: oldest first by default, `q` searches email, names, organisation, reference.
    func customers(_ request: SandboxRequest) -> SandboxResponse {
        let paging = Paging(request, defaultPerPage: 50)
        let filter: TimeFilter?
        do {
            filter = try TimeFilter.parse(
                request, timeFields: ["created_at", "updated_at"], defaultField: "updated_at",
                offset: company.siteUTCOffsetSeconds)
        } catch { return .chargifyErrors(422, [TimeFilter.message(error)]) }
        let query = request["q"]?.trimmed.lowercased() ?? ""
        let list = company.customers
        var match: ((Int) -> Bool)?
        if filter != nil || !query.isEmpty {
            match = { index in
                let c = list[index]
                if let filter, !filter.contains(filter.field == "created_at" ? c.createdAt : c.updatedAt) {
                    return false
                }
                if !query.isEmpty {
                    let fields = [
                        c.email, c.firstName, c.lastName, c.firstName + " " + c.lastName, c.organization, c.reference,
                    ]
                    return fields.contains { $0.lowercased().contains(query) }
                }
                return true
            }
        }
        let positions = engine.page(
            resource: "customers", request: request, count: list.count, paging: paging,
            descending: descending(request, default: false), match: match, sortKey: nil)
        var w = JSONWriter(capacity: positions.count * 700 + 2)
        w.array { w in
            for index in positions {
                let c = list[index]
                engine.element(.chargifyCustomer, at: index, source: .customer(c), into: &w) { w in
                    w.wrapped("customer") { encoder.customer(c, into: &$0) }
                }
            }
        }
        return .json(200, w)
    }

    /// `GET /subscriptions.json`: `state`, `product`, `coupon_code`, date filters, `sort`, `direction`.
    func subscriptions(_ request: SandboxRequest) -> SandboxResponse {
        let paging = Paging(request, defaultPerPage: 20)
        let filter: TimeFilter?
        do {
            filter = try TimeFilter.parse(
                request, timeFields: Self.subscriptionTimeFields, defaultField: "updated_at",
                offset: company.siteUTCOffsetSeconds)
        } catch { return .chargifyErrors(422, [TimeFilter.message(error)]) }
        let states = Set(request.values("state"))
        let product = request["product"].flatMap { Int($0.trimmed) }
        let coupon = request["coupon_code"]
        let list = company.subscriptions
        var match: ((Int) -> Bool)?
        if filter != nil || !states.isEmpty || product != nil || coupon != nil {
            match = { index in
                let s = list[index]
                if !states.isEmpty, !states.contains(s.state) { return false }
                if let product, s.productID != product { return false }
                if let coupon, !s.couponCodes.contains(coupon) { return false }
                if let filter, !filter.contains(Self.time(of: s, field: filter.field)) { return false }
                return true
            }
        }
        var sortKey: ((Int) -> Int64)?
        switch request["sort"] {
        case "updated_at": sortKey = { list[$0].updatedAt }
        case "period_end": sortKey = { list[$0].currentPeriodEndsAt }
        case "period_start": sortKey = { list[$0].currentPeriodStartedAt }
        case "next_assessment": sortKey = { list[$0].nextAssessmentAt ?? Int64.max }
        default: sortKey = nil  // signup_date: creation order, which is id order
        }
        let positions = engine.page(
            resource: "subscriptions", request: request, count: list.count, paging: paging,
            descending: descending(request, default: false), match: match, sortKey: sortKey)
        var w = JSONWriter(capacity: positions.count * 2_500 + 2)
        w.array { w in
            for index in positions {
                let s = list[index]
                engine.element(
                    .chargifySubscription, at: index, source: .subscription(s, company.customer(id: s.customerID)),
                    into: &w
                ) { w in
                    w.wrapped("subscription") { encoder.subscription(s, into: &$0) }
                }
            }
        }
        return .json(200, w)
    }

    static func time(of s: SandboxSubscription, field: String) -> Int64? {
        switch field {
        case "created_at": return s.createdAt
        case "updated_at": return s.updatedAt
        case "activated_at": return s.activatedAt
        case "canceled_at": return s.canceledAt
        case "expires_at": return s.expiresAt
        case "trial_ended_at": return s.trialEndedAt
        case "current_period_ends_at": return s.currentPeriodEndsAt
        case "current_period_starts_at": return s.currentPeriodStartedAt
        default: return nil
        }
    }

    /// `GET /invoices.json`: `{"invoices": [...]}`, newest number first, `status`, `customer_ids`,
    /// `subscription_id`, date filters (default field `due_date`), lines and payments only when asked.
    func invoices(_ request: SandboxRequest) -> SandboxResponse {
        let paging = Paging(request, defaultPerPage: 20)
        let filter: TimeFilter?
        do {
            filter = try TimeFilter.parse(
                request, timeFields: ["created_at", "updated_at"],
                dateFields: ["due_date", "issue_date", "paid_date"], defaultField: "due_date",
                offset: company.siteUTCOffsetSeconds)
        } catch { return .chargifyErrors(422, [TimeFilter.message(error)]) }
        let statuses = Set(request.values("status"))
        let customers = Set(request.values("customer_ids").compactMap { Int($0) })
        let subscription = request["subscription_id"].flatMap { Int($0.trimmed) }
        let list = company.invoices
        var match: ((Int) -> Bool)?
        if filter != nil || !statuses.isEmpty || !customers.isEmpty || subscription != nil {
            match = { index in
                let i = list[index]
                if !statuses.isEmpty, !statuses.contains(i.status) { return false }
                if !customers.isEmpty, !customers.contains(i.customerID) { return false }
                if let subscription, i.subscriptionID != subscription { return false }
                if let filter {
                    let value: Int64? =
                        switch filter.field {
                        case "created_at": i.createdAt
                        case "updated_at": i.updatedAt
                        case "issue_date": Int64(i.issueDay)
                        case "paid_date": i.paidDay.map(Int64.init)
                        default: Int64(i.dueDay)
                        }
                    if !filter.contains(value) { return false }
                }
                return true
            }
        }
        var sortKey: ((Int) -> Int64)?
        switch request["sort"] {
        case "issue_date": sortKey = { Int64(list[$0].issueDay) }
        case "due_date": sortKey = { Int64(list[$0].dueDay) }
        case "total_amount": sortKey = { list[$0].total }
        case "updated_at": sortKey = { list[$0].updatedAt }
        default: sortKey = nil  // number, which is array order
        }
        let lines = Self.flag(request["line_items"])
        let payments = Self.flag(request["payments"])
        let positions = engine.page(
            resource: "invoices", request: request, count: list.count, paging: paging,
            descending: descending(request, default: true), match: match, sortKey: sortKey)
        var w = JSONWriter(capacity: positions.count * (lines ? 3_000 : 1_300) + 16)
        w.object { w in
            w.array("invoices") { w in
                let shape = EncodedRecordCache.Shape.chargifyInvoice(lineItems: lines, payments: payments)
                for index in positions {
                    let i = list[index]
                    engine.element(shape, at: index, source: .invoice(i, company.customer(id: i.customerID)), into: &w)
                    { w in
                        encoder.invoice(i, lineItems: lines, payments: payments, into: &w)
                    }
                }
            }
        }
        return .json(200, w)
    }

    static func flag(_ value: String?) -> Bool { value == "true" || value == "1" }

    /// `GET /events.json`: newest first, `since_id`/`max_id` inclusive, `filter` by keys, time filters.
    func events(_ request: SandboxRequest) -> SandboxResponse {
        let paging = Paging(request, defaultPerPage: 20)
        let filter: TimeFilter?
        do {
            filter = try TimeFilter.parse(
                request, timeFields: ["created_at"], defaultField: "created_at", offset: company.siteUTCOffsetSeconds)
        } catch { return .chargifyErrors(422, [TimeFilter.message(error)]) }
        let sinceID = request["since_id"].flatMap { Int($0.trimmed) }
        let maxID = request["max_id"].flatMap { Int($0.trimmed) }
        let keys = Set(request.values("filter"))
        let list = company.events
        // Events are in id order, so the id bounds are a range of positions: a client paging by
        // `since_id` costs a binary search per page, not a scan of every event.
        let lower = sinceID.map { id in Company.lowerBound(list.count, id) { list[$0].id } } ?? 0
        let upper =
            maxID.map { id in id == .max ? list.count : Company.lowerBound(list.count, id + 1) { list[$0].id } }
            ?? list.count
        var match: ((Int) -> Bool)?
        if filter != nil || !keys.isEmpty {
            match = { index in
                let e = list[index]
                if !keys.isEmpty, !keys.contains(e.key) { return false }
                if let filter, !filter.contains(e.createdAt) { return false }
                return true
            }
        }
        let positions = engine.page(
            resource: "events", request: request, count: list.count, paging: paging,
            descending: descending(request, default: true), within: lower..<max(lower, upper),
            match: match, sortKey: nil)
        var w = JSONWriter(capacity: positions.count * 400 + 2)
        w.array { w in for index in positions { encoder.event(list[index], into: &w) } }
        return .json(200, w)
    }
}
