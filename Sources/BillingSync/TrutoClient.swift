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
    let allocationReader: AllocationReader

    static let unified = "/unified/subscription-management"

    init(executor: RequestExecutor, account: String, pageSize: Int, onBudget: Bool = false) {
        self.executor = executor
        self.account = account
        self.pageSize = pageSize
        let capabilities = SiteCapabilities()
        componentReader = ComponentReader(
            executor: executor, route: .trutoProxy(account: account), capabilities: capabilities)
        allocationReader = AllocationReader(
            executor: executor, route: .trutoProxy(account: account), capabilities: capabilities, onBudget: onBudget)
        let reader = CatalogueReader(
            executor: executor, route: .trutoProxy(account: account), capabilities: capabilities, pageSize: pageSize)
        catalogue = CatalogueLoader { log in try await reader.load(log: log) }
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
                if stream == .invoices, let status = position.status { items.append(("status", status)) }
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
        let (list, serverDate) = try await executor.getDated(
            path + "?" + Query.make(items), stream: stream.rawValue,
            priority: RequestExecutor.priority(stream, at: position), log: log
        ) {
            try Self.decode($0, stream: stream)
        }
        let (mapper, components) = try await componentReader.mapping(stream, list, catalogue: catalogue, log: log)
        var page = Self.page(stream, list, mapper: mapper, components: components)
        page.allocations = await allocationReader.allocations(of: page.subscriptions.map(\.value), log: log)
        page.serverDate = serverDate
        page.fingerprint = page.contentFingerprint
        page.next = list.nextCursor.map { FetchedPage.Next.cursor($0) } ?? .done
        if list.elementCount == 0 { page.next = .done }
        return page
    }

    /// A cursor envelope's `result` objects (proxied provider objects unwrapped), their raw texts and its
    /// `next_cursor`; throws when the body is not such an envelope (HTML, truncated), so the request is
    /// retried instead of yielding an empty page.
    static func decode(_ data: Data, stream: StreamKind) throws -> DecodedList {
        let name: String? =
            switch stream {
            case .customers, .invoices: nil
            case .subscriptions: "subscription"
            case .events: "event"
            }
        return try DecodedList(data, key: "result", unwrapping: name)
    }

    /// The mapped records of a decoded page; `components` (subscriptions only) is per object, in order.
    static func page(_ stream: StreamKind, _ list: DecodedList, mapper: ChargifyMapper, components: [[JSONFields]])
        -> FetchedPage
    {
        var page = FetchedPage()
        page.elementCount = list.elementCount
        let (objects, texts) = (list.objects, list.texts)
        switch stream {
        case .customers: page.customers = objects.indices.compactMap { Self.customer(objects[$0], text: texts[$0]) }
        case .invoices: page.invoices = objects.indices.compactMap { Self.invoice(objects[$0], text: texts[$0]) }
        case .events: page.events = objects.indices.compactMap { mapper.event(objects[$0], text: texts[$0]) }
        case .subscriptions:
            page.subscriptions = objects.indices.compactMap { index in
                mapper.subscription(
                    objects[index], components: index < components.count ? components[index] : [], text: texts[index])
            }
        }
        return page
    }

    /// A unified customer; the provider's object in `remote_data` is preferred, as it has every field.
    static func customer(_ raw: JSONFields, text: String? = nil) -> Incoming<Customer>? {
        if let remote = raw["remote_data"]?.objectValue,
            let mapped = ChargifyMapper().customer(remote, text: text ?? JSONValue.object(raw).compactText)
        {
            return mapped
        }
        var o = JSONObject(raw)
        guard let id = o.id("id") else { return nil }
        let value = Customer(
            id: id, firstName: o.string("first_name"), lastName: o.string("last_name"), email: o.string("email"),
            organization: o.string("company_name"), phone: o.string("phone"), createdAt: o.time("created_at"),
            updatedAt: o.time("updated_at"))
        return ChargifyMapper.incoming(value, text: text ?? JSONValue.object(raw).compactText, flags: o.flags)
    }

    /// A unified invoice; from `remote_data` when present, else from the unified fields
    /// (total = sub_total - total_discount + total_tax_amount; due = balance).
    static func invoice(_ raw: JSONFields, text: String? = nil) -> Incoming<Invoice>? {
        if let remote = raw["remote_data"]?.objectValue,
            let mapped = ChargifyMapper().invoice(remote, text: text ?? JSONValue.object(raw).compactText)
        {
            return mapped
        }
        var o = JSONObject(raw)
        guard let id = o.id("id") else { return nil }
        let cur = o.currency("currency")
        var customer = o.object("customer") ?? JSONObject(JSONFields())
        var unreadable = InvoiceAmounts()
        let subtotal = ChargifyMapper.amount(&o, "sub_total", cur, .subtotal, required: false, &unreadable)
        let discount = ChargifyMapper.amount(&o, "total_discount", cur, .discount, required: false, &unreadable)
        let tax = ChargifyMapper.amount(&o, "total_tax_amount", cur, .tax, required: false, &unreadable)
        let due = ChargifyMapper.amount(&o, "balance", cur, .due, required: false, &unreadable)
        // Sums of readable amounts may still leave what billtop can hold: then they are unreadable too.
        var total = Money.zero(cur)
        if unreadable.isDisjoint(with: [.subtotal, .discount, .tax]),
            let sum = Self.sum([subtotal, -discount, tax], cur)
        {
            total = sum
        } else {
            unreadable.insert(.total)
        }
        var paid: Money? = .zero(cur)
        var payments: [Payment] = []
        for var p in o.array("payments") {
            let amount = p.amount("amount", cur)
            paid = amount.flatMap { amount in paid.flatMap { Self.sum([$0, amount], cur) } }
            payments.append(
                Payment(
                    id: p.id("id") ?? "", transactionTime: p.time("created_at"), originalAmount: amount ?? .zero(cur),
                    appliedAmount: amount ?? .zero(cur), method: p.string("method")))
            o.flags += p.flags
        }
        if paid == nil { unreadable.insert(.paid) }
        let value = Invoice(
            id: id, number: o.string("number"), customerID: customer.id("id") ?? "",
            subscriptionID: o.id("subscription_id"), status: InvoiceStatus(apiValue: o.string("status")), currency: cur,
            issueDate: o.date("issue_date"), dueDate: o.date("due_date"), paidDate: o.date("paid_on_date"),
            subtotal: subtotal, discount: discount, tax: tax, total: total, paid: paid ?? .zero(cur), due: due,
            memo: o.string("memo", limit: .long), payments: payments, createdAt: o.time("created_at"),
            updatedAt: o.time("updated_at"), unreadable: unreadable)
        return ChargifyMapper.incoming(
            value, text: text ?? JSONValue.object(raw).compactText, flags: o.flags + customer.flags)
    }

    /// The sum of amounts each within `Money.largestHeld`, or nil when the sum is not.
    static func sum(_ amounts: [Money], _ currency: Currency) -> Money? {
        var total: Int64 = 0
        for amount in amounts {
            // Each is at most 10^15, so a handful cannot overflow Int64 before the check below.
            total += amount.minorUnits
        }
        let money = Money(minorUnits: total, currency: currency)
        return money.isHeld ? money : nil
    }

    /// The proxy's `result` (list) or the provider's body verbatim (get).
    static func resultArray(_ json: JSONValue) -> JSONValue {
        json.objectValue?["result"] ?? json
    }
}
