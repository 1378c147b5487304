import BillingCore

/// Chargify's read endpoints over a company snapshot: lists with paging, clamping, envelopes, filters and
/// default orders, and gets with 404s, exactly in the documented shapes.
struct ChargifyRoutes {
    let company: Company
    let engine: ListingEngine
    var encoder: ChargifyEncoder { ChargifyEncoder(company: company) }

    static let subscriptionTimeFields: Set<String> = [
        "created_at", "updated_at", "activated_at", "canceled_at", "expires_at", "trial_ended_at",
        "current_period_ends_at", "current_period_starts_at",
    ]

    /// Answers a GET, or nil when the path is not a Chargify read.
    func handle(_ request: SandboxRequest, segments: [String]) -> SandboxResponse? {
        switch segments.count {
        case 1:
            switch segments[0] {
            case "customers.json": return customers(request)
            case "subscriptions.json": return subscriptions(request)
            case "invoices.json": return invoices(request)
            case "events.json": return events(request)
            case "product_families.json": return wrappedList("product_family", company.productFamilies, encoder.family)
            case "products.json": return wrappedList("product", company.products, encoder.product)
            case "components.json":
                return pagedList(
                    "component", company.components, request, defaultPerPage: Self.componentsPerPage, encoder.component)
            case "coupons.json":
                return pagedList(
                    "coupon", company.coupons, request, defaultPerPage: Self.couponsPerPage, encoder.coupon)
            case "components_price_points.json": return pricePoints(request)
            case "subscriptions_components.json": return siteComponents(request)
            default: return nil
            }
        case 2:
            let id = segments[1].hasSuffix(".json") ? String(segments[1].dropLast(5)) : ""
            switch segments[0] {
            case "customers" where id == "lookup":
                // Read Customer by Reference: how a re-run finds the customer a CRM contact already became.
                guard let reference = request["reference"],
                    let customer = company.customers.first(where: { $0.reference == reference })
                else { return notFound() }
                return single("customer") { encoder.customer(customer, into: &$0) }
            case "customers":
                guard let customer = Int(id).flatMap(company.customer(id:)) else { return notFound() }
                return single("customer") { encoder.customer(customer, into: &$0) }
            case "subscriptions":
                guard let subscription = Int(id).flatMap(company.subscription(id:)) else { return notFound() }
                return single("subscription") { encoder.subscription(subscription, into: &$0) }
            case "invoices":
                guard let invoice = company.invoice(uid: id) else { return notFound() }
                var w = JSONWriter()
                encoder.invoice(invoice, lineItems: true, payments: true, into: &w)
                return .json(200, w)
            case "products":
                guard let product = Int(id).flatMap(company.product(id:)) else { return notFound() }
                return single("product") { encoder.product(product, into: &$0) }
            case "components":
                guard let component = Int(id).flatMap(company.component(id:)) else { return notFound() }
                return single("component") { encoder.component(component, into: &$0) }
            default: return nil
            }
        case 3:
            guard let id = Int(segments[1]) else {
                return ["subscriptions", "components", "customers"].contains(segments[0]) ? notFound() : nil
            }
            switch (segments[0], segments[2]) {
            case ("customers", "subscriptions.json"):
                guard company.customer(id: id) != nil else { return notFound() }
                return wrappedList("subscription", company.subscriptions(customerID: id), encoder.subscription)
            case ("subscriptions", "components.json"):
                guard let subscription = company.subscription(id: id) else { return notFound() }
                var w = JSONWriter()
                w.array { w in
                    for allocation in subscription.components {
                        encoder.subscriptionComponent(allocation, of: subscription, into: &w)
                    }
                }
                return .json(200, w)
            case ("components", "price_points.json"):
                guard company.component(id: id) != nil else { return notFound() }
                return pricePoints(request, componentID: id)
            case ("product_families", "components.json"):
                return pagedList(
                    "component", company.components.filter { $0.familyID == id }, request,
                    defaultPerPage: Self.componentsPerPage, encoder.component)
            case ("product_families", "coupons.json"):
                return pagedList(
                    "coupon", company.coupons.filter { $0.familyID == id }, request,
                    defaultPerPage: Self.couponsPerPage, encoder.coupon)
            case ("product_families", "products.json"):
                return wrappedList("product", company.products.filter { $0.familyID == id }, encoder.product)
            default: return nil
            }
        case 5
        where segments[0] == "subscriptions" && segments[2] == "components"
            && segments[4] == "allocations.json":
            return allocations(subscriptionID: segments[1], componentID: segments[3])
        default: return nil
        }
    }

    static func notFoundResponse() -> SandboxResponse { .chargifyErrors(404, ["Not Found"]) }
    private func notFound() -> SandboxResponse { Self.notFoundResponse() }

    private func single(_ name: StaticString, _ body: (inout JSONWriter) -> Void) -> SandboxResponse {
        var w = JSONWriter()
        w.wrapped(name, body)
        return .json(200, w)
    }

    func wrappedList<T>(_ name: StaticString, _ items: [T], _ encode: (T, inout JSONWriter) -> Void) -> SandboxResponse
    {
        var w = JSONWriter(capacity: 1_024 * max(1, items.count))
        w.array { w in for item in items { w.wrapped(name) { encode(item, &$0) } } }
        return .json(200, w)
    }

    private func unprocessable(_ failure: TimeFilter.Failure) -> SandboxResponse {
        .chargifyErrors(422, [TimeFilter.message(failure)])
    }

    func descending(_ request: SandboxRequest, default value: Bool) -> Bool {
        switch request["direction"]?.lowercased() {
        case "asc": return false
        case "desc": return true
        default: return value
        }
    }
}
