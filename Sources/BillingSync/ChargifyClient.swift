import BillingCore
import BillingStore
import Foundation

/// Chargify / Maxio direct: page-numbered lists with `updated_at` windows, events by `since_id`,
/// components from the site-wide listing (per subscription where it is missing), prices and coupons from the catalogue.
struct ChargifyClient: SourceClient {
    let executor: RequestExecutor
    let pageSize: Int
    let catalogue: CatalogueLoader
    let componentReader: ComponentReader
    let allocationReader: AllocationReader

    init(executor: RequestExecutor, pageSize: Int, onBudget: Bool = false) {
        self.executor = executor
        self.pageSize = pageSize
        let capabilities = SiteCapabilities()
        componentReader = ComponentReader(executor: executor, route: .chargify, capabilities: capabilities)
        allocationReader = AllocationReader(
            executor: executor, route: .chargify, capabilities: capabilities, onBudget: onBudget)
        let reader = CatalogueReader(
            executor: executor, route: .chargify, capabilities: capabilities, pageSize: pageSize)
        catalogue = CatalogueLoader { log in try await reader.load(log: log) }
    }

    func fetch(_ stream: StreamKind, at position: FetchPosition, log: LogBuffer) async throws -> FetchedPage {
        var items: [(String, String)] = [("per_page", "\(pageSize)")]
        let path: String
        switch stream {
        case .customers: path = "/customers.json"
        case .subscriptions: path = "/subscriptions.json"
        case .invoices:
            path = "/invoices.json"
            items += [("line_items", "true"), ("payments", "true")]
            if let status = position.status { items.append(("status", status)) }
        case .events:
            path = "/events.json"
            items += [("page", "1"), ("direction", "asc")]
            if let since = position.windowStart { items.append(("since_id", "\(since)")) }
        }
        if stream != .events {
            items += [("page", "\(position.page)"), ("direction", "asc")]
            if let start = position.windowStart {
                items += [("date_field", "updated_at"), ("start_datetime", Query.chargifyTime(start))]
            }
        }
        let (list, serverDate) = try await executor.getDated(
            path + "?" + Query.make(items), stream: stream.rawValue,
            priority: RequestExecutor.priority(stream, at: position), log: log
        ) { data in try Self.decode(data, stream: stream) }
        let (mapper, components) = try await componentReader.mapping(stream, list, catalogue: catalogue, log: log)
        var page = Self.page(stream, list, mapper: mapper, components: components)
        page.allocations = await allocationReader.allocations(of: page.subscriptions.map(\.value), log: log)
        page.serverDate = serverDate
        page.fingerprint = page.contentFingerprint
        if stream == .events {
            page.next = Self.nextAfterEvents(
                page.events.map(\.value.id).max(), elementCount: list.elementCount, pageSize: pageSize)
        } else {
            page.next = list.elementCount < pageSize ? .done : .page(position.page + 1)
        }
        return page
    }

    /// Where an events listing goes on after a page whose largest id is `maxID`. An id of Int64.max ends it:
    /// there is no next id (`maxID + 1` trapped on a server that sent one).
    static func nextAfterEvents(_ maxID: Int64?, elementCount: Int, pageSize: Int) -> FetchedPage.Next {
        guard elementCount >= pageSize, let maxID, maxID < Int64.max else { return .done }
        return .sinceID(maxID + 1)
    }

    /// A page body's objects (unwrapped from their envelopes) and their raw texts; throws when the body
    /// is not such a page (HTML, truncated), so the request is retried instead of yielding an empty page.
    static func decode(_ data: Data, stream: StreamKind) throws -> DecodedList {
        let name =
            switch stream {
            case .customers: "customer"
            case .subscriptions: "subscription"
            case .invoices: "invoice"
            case .events: "event"
            }
        return try DecodedList(data, key: stream == .invoices ? "invoices" : nil, unwrapping: name)
    }

    /// The mapped records of a decoded page; `components` (subscriptions only) is per object, in order.
    static func page(_ stream: StreamKind, _ list: DecodedList, mapper: ChargifyMapper, components: [[JSONFields]])
        -> FetchedPage
    {
        var page = FetchedPage()
        page.elementCount = list.elementCount
        let (objects, texts) = (list.objects, list.texts)
        switch stream {
        case .customers: page.customers = objects.indices.compactMap { mapper.customer(objects[$0], text: texts[$0]) }
        case .invoices: page.invoices = objects.indices.compactMap { mapper.invoice(objects[$0], text: texts[$0]) }
        case .events: page.events = objects.indices.compactMap { mapper.event(objects[$0], text: texts[$0]) }
        case .subscriptions:
            page.subscriptions = objects.indices.compactMap { index in
                mapper.subscription(
                    objects[index], components: index < components.count ? components[index] : [], text: texts[index])
            }
        }
        return page
    }
}
