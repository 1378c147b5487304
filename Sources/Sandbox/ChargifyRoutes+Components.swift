import BillingCore

extension ChargifyRoutes {
    /// The most ids `subscription_ids` takes (Maxio documents a maximum of 200 items).
    static let maximumSubscriptionIDs = 200

    /// `GET /subscriptions_components.json` (Maxio's "List Subscription Components for Site"): every
    /// subscription's components in one listing, `{"subscriptions_components": [...]}` with unwrapped
    /// elements that carry their `subscription_id`. Takes `page`/`per_page` (default 20, at most 200),
    /// `subscription_ids=1,2,3` (at most 200), `date_field=updated_at` with the usual start/end bounds,
    /// `sort=id|updated_at`, `direction` (default asc) and `include=subscription`.
    ///
    /// Order: by subscription id, then the subscription's own component order (stable while records
    /// change, so page boundaries only move when subscriptions are added at the end).
    func siteComponents(_ request: SandboxRequest) -> SandboxResponse {
        let paging = Paging(request, defaultPerPage: 20)
        let filter: TimeFilter?
        do {
            filter = try TimeFilter.parse(
                request, timeFields: ["updated_at"], defaultField: "updated_at",
                offset: company.siteUTCOffsetSeconds)
        } catch { return .chargifyErrors(422, [TimeFilter.message(error)]) }
        let indices: [Int]
        let idTexts = request.values("subscription_ids")
        if idTexts.isEmpty {
            indices = Array(company.subscriptions.indices)
        } else {
            var ids: [Int] = []
            for text in idTexts {
                guard let id = Int(text) else {
                    return .chargifyErrors(
                        422, ["subscription_ids: use comma-separated integer ids, e.g. subscription_ids=1,2,3."])
                }
                ids.append(id)
            }
            guard ids.count <= Self.maximumSubscriptionIDs else {
                return .chargifyErrors(
                    422, ["subscription_ids: at most \(Self.maximumSubscriptionIDs) ids per request."])
            }
            indices = Set(ids).compactMap { company.subscriptionIndex(id: $0) }.sorted()
        }
        var entries: [(subscription: Int, allocation: Int)] = []
        for index in indices {
            let s = company.subscriptions[index]
            if let filter, !filter.contains(s.updatedAt) { continue }
            for allocation in s.components.indices
            where company.component(id: s.components[allocation].componentID) != nil {
                entries.append((index, allocation))
            }
        }
        if request["sort"] == "updated_at" {
            // Stable: equal times keep id order.
            entries = entries.enumerated().sorted {
                (company.subscriptions[$0.element.subscription].updatedAt, $0.offset)
                    < (company.subscriptions[$1.element.subscription].updatedAt, $1.offset)
            }.map(\.element)
        }
        if descending(request, default: false) { entries.reverse() }
        let range = paging.range(count: entries.count)
        let embedSubscription = request.values("include").contains("subscription")
        var w = JSONWriter(capacity: range.count * (embedSubscription ? 3_000 : 900) + 64)
        w.object { w in
            w.array("subscriptions_components") { w in
                for entry in entries[range] {
                    let s = company.subscriptions[entry.subscription]
                    w.object { w in
                        encoder.subscriptionComponentFields(s.components[entry.allocation], of: s, into: &w)
                        if embedSubscription { w.named("subscription") { encoder.subscription(s, into: &$0) } }
                    }
                }
            }
        }
        return .json(200, w)
    }
}
