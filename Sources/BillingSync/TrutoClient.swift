import BillingCore
import BillingStore
import Foundation

/// Truto unified API: customers and invoices through the unified model, subscriptions, components,
/// catalogue and events through the proxy (the provider's own shapes under a cursor envelope).
struct TrutoClient: SourceClient {
    let executor: RequestExecutor
    let account: String
    let pageSize: Int
    let catalogue: CatalogueLoader
    let componentReader: ComponentReader

    static let unified = "/unified/subscription-management"

    init(executor: RequestExecutor, account: String, pageSize: Int) {
        self.executor = executor
        self.account = account
        self.pageSize = pageSize
        componentReader = ComponentReader(executor: executor, route: .trutoProxy(account: account), capabilities: SiteCapabilities())
        catalogue = CatalogueLoader { [executor, account] in try await Self.loadCatalogue(executor, account: account) }
    }

    func fetch(_ stream: StreamKind, at position: FetchPosition, log: LogBuffer) async throws -> FetchedPage {
        var items: [(String, String)] = [("integrated_account_id", account)]
        let path: String
        switch stream {
        case .customers: path = Self.unified + "/customers"
        case .invoices: path = Self.unified + "/invoices"
        case .subscriptions: path = "/proxy/subscriptions"
        case .events: path = "/proxy/events"
        }
        if let cursor = position.cursor {
            // The cursor carries the filters of the listing it continues.
            items.append(("next_cursor", cursor))
        } else {
            items.append(("limit", "\(pageSize)"))
            switch stream {
            case .customers, .invoices:
                items.append(("sort_by[created_at]", "asc"))
                if let start = position.windowStart { items.append(("updated_at[gte]", Query.isoTime(start))) }
            case .subscriptions:
                items.append(("direction", "asc"))
                if let start = position.windowStart {
                    items += [("date_field", "updated_at"), ("start_datetime", Query.chargifyTime(start))]
                }
            case .events:
                items.append(("direction", "asc"))
                if let since = position.windowStart { items.append(("since_id", "\(since)")) }
            }
        }
        let (envelope, serverDate) = try await executor.getDated(path + "?" + Query.make(items), stream: stream.rawValue, log: log) {
            try Self.decode($0)
        }
        let (result, nextCursor, texts) = envelope.value
        var mapper = ChargifyMapper()
        var subscriptions: [[String: Any]] = []
        var components: [[[String: Any]]] = []
        if stream == .subscriptions {
            subscriptions = try ChargifyMapper.unwrap(result, as: "subscription")
            if !subscriptions.isEmpty {
                mapper.catalogue = try await catalogue.catalogue()
                components = try await componentReader.components(of: subscriptions, log: log)
            }
        }
        var page = try Self.page(stream, result: result, texts: texts, mapper: mapper, subscriptions: subscriptions, components: components)
        page.serverDate = serverDate
        page.fingerprint = page.contentFingerprint
        page.next = nextCursor.map { FetchedPage.Next.cursor($0) } ?? .done
        if result.isEmpty { page.next = .done }
        return page
    }

    /// A cursor envelope's `result` elements, its `next_cursor` and the elements' raw texts; throws when the
    /// body is not such an envelope (HTML, truncated), so the request is retried instead of yielding an empty page.
    static func decode(_ data: Data) throws -> SendableJSON<([Any], String?, [String]?)> {
        guard let object = try JSONBody.parse(data) as? [String: Any], let result = object["result"] as? [Any] else {
            throw JSONBody.NotJSON()
        }
        let texts = JSONSlicer.texts(of: data, key: "result", expectedCount: result.count)
        return SendableJSON((result, object["next_cursor"] as? String, texts))
    }

    /// The mapped records of a decoded `result`; subscriptions come already unwrapped, with their components.
    static func page(
        _ stream: StreamKind, result: [Any], texts: [String]?, mapper: ChargifyMapper, subscriptions: [[String: Any]],
        components: [[[String: Any]]]
    ) throws -> FetchedPage {
        var page = FetchedPage()
        page.elementCount = result.count
        switch stream {
        case .customers:
            page.customers = result.indices.compactMap { i in (result[i] as? [String: Any]).flatMap { Self.customer($0, text: texts?[i]) } }
        case .invoices:
            page.invoices = result.indices.compactMap { i in (result[i] as? [String: Any]).flatMap { Self.invoice($0, text: texts?[i]) } }
        case .events:
            let events = try ChargifyMapper.unwrap(result, as: "event")
            page.events = events.indices.compactMap { mapper.event(events[$0], text: events.count == result.count ? texts?[$0] : nil) }
        case .subscriptions:
            let sameCount = subscriptions.count == result.count
            page.subscriptions = subscriptions.enumerated().compactMap {
                mapper.subscription($1, components: $0 < components.count ? components[$0] : [], text: sameCount ? texts?[$0] : nil)
            }
        }
        return page
    }

    /// A unified customer; the provider's object in `remote_data` is preferred, as it has every field.
    static func customer(_ raw: [String: Any], text: String? = nil) -> Incoming<Customer>? {
        if let remote = raw["remote_data"] as? [String: Any], let mapped = ChargifyMapper().customer(remote, text: text ?? JSONBody.text(raw)) {
            return mapped
        }
        var o = JSONObject(raw)
        guard let id = o.id("id") else { return nil }
        let value = Customer(
            id: id, firstName: o.string("first_name"), lastName: o.string("last_name"), email: o.string("email"),
            organization: o.string("company_name"), phone: o.string("phone"), createdAt: o.time("created_at"),
            updatedAt: o.time("updated_at"))
        return Incoming(value: value, raw: text ?? JSONBody.text(raw), flags: o.flags)
    }

    /// A unified invoice; from `remote_data` when present, else from the unified fields
    /// (total = sub_total - total_discount + total_tax_amount; due = balance).
    static func invoice(_ raw: [String: Any], text: String? = nil) -> Incoming<Invoice>? {
        if let remote = raw["remote_data"] as? [String: Any], let mapped = ChargifyMapper().invoice(remote, text: text ?? JSONBody.text(raw)) {
            return mapped
        }
        var o = JSONObject(raw)
        guard let id = o.id("id") else { return nil }
        let cur = o.currency("currency")
        var customer = o.object("customer") ?? JSONObject([:])
        let subtotal = o.money("sub_total", cur)
        let discount = o.money("total_discount", cur)
        let tax = o.money("total_tax_amount", cur)
        let due = o.money("balance", cur)
        var paid = Money.zero(cur)
        var payments: [Payment] = []
        for var p in o.array("payments") {
            let amount = p.money("amount", cur)
            paid += amount
            payments.append(Payment(
                id: p.id("id") ?? "", transactionTime: p.time("created_at"), originalAmount: amount, appliedAmount: amount,
                method: p.string("method")))
            o.flags += p.flags
        }
        let value = Invoice(
            id: id, number: o.string("number"), customerID: customer.id("id") ?? "",
            subscriptionID: o.id("subscription_id"), status: InvoiceStatus(apiValue: o.string("status")), currency: cur,
            issueDate: o.date("issue_date"), dueDate: o.date("due_date"), paidDate: o.date("paid_on_date"),
            subtotal: subtotal, discount: discount, tax: tax, total: subtotal - discount + tax, paid: paid, due: due,
            memo: o.string("memo"), payments: payments, createdAt: o.time("created_at"), updatedAt: o.time("updated_at"))
        return Incoming(value: value, raw: text ?? JSONBody.text(raw), flags: o.flags + customer.flags)
    }

    /// The proxy's `result` (list) or the provider's body verbatim (get).
    static func resultArray(_ json: Any) -> Any {
        if let object = json as? [String: Any], let result = object["result"] { return result }
        return json
    }

    static func loadCatalogue(_ executor: RequestExecutor, account: String) async throws -> Catalogue {
        let log = LogBuffer()
        let stream = StreamKind.subscriptions.rawValue
        let query = "?" + Query.make([("integrated_account_id", account)])
        var catalogue = Catalogue()
        let components = try await executor.get("/proxy/components" + query, stream: stream, log: log) {
            SendableJSON(try ChargifyMapper.unwrap(resultArray(try JSONBody.parse($0)), as: "component"))
        }.value
        catalogue.addComponents(components)
        for raw in components {
            var o = JSONObject(raw)
            guard let id = o.id("id") else { continue }
            let points = try await executor.get("/proxy/components/\(id)/price_points" + query, stream: stream, log: log) { data in
                var list = resultArray(try JSONBody.parse(data))
                if let object = list as? [String: Any], let inner = object["price_points"] { list = inner }
                guard let array = list as? [Any] else { throw JSONBody.NotJSON() }
                return SendableJSON(array.compactMap { $0 as? [String: Any] })
            }.value
            catalogue.addPricePoints(points)
        }
        let coupons = try await executor.get("/proxy/coupons" + query, stream: stream, log: log) {
            SendableJSON(try ChargifyMapper.unwrap(resultArray(try JSONBody.parse($0)), as: "coupon"))
        }.value
        catalogue.addCoupons(coupons)
        return catalogue
    }
}
