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

    init(executor: RequestExecutor, pageSize: Int) {
        self.executor = executor
        self.pageSize = pageSize
        componentReader = ComponentReader(executor: executor, route: .chargify, capabilities: SiteCapabilities())
        catalogue = CatalogueLoader { [executor] in try await Self.loadCatalogue(executor) }
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
        let (decoded, serverDate) = try await executor.getDated(
            path + "?" + Query.make(items), stream: stream.rawValue, log: log
        ) { data in try Self.decode(data, stream: stream) }
        let (elements, texts) = decoded.value
        var mapper = ChargifyMapper()
        var components: [[[String: Any]]] = []
        if stream == .subscriptions, !elements.isEmpty {
            mapper.catalogue = try await catalogue.catalogue()
            components = try await componentReader.components(of: elements, log: log)
        }
        var page = Self.page(stream, elements: elements, texts: texts, mapper: mapper, components: components)
        page.serverDate = serverDate
        page.fingerprint = page.contentFingerprint
        if stream == .events {
            let maxID = page.events.map(\.value.id).max()
            page.next = elements.count < pageSize || maxID == nil ? .done : .sinceID(maxID! + 1)
        } else {
            page.next = elements.count < pageSize ? .done : .page(position.page + 1)
        }
        return page
    }

    /// A page body's elements (unwrapped from their envelopes) and their raw texts; throws when the body
    /// is not such a page (HTML, truncated), so the request is retried instead of yielding an empty page.
    static func decode(_ data: Data, stream: StreamKind) throws -> SendableJSON<([[String: Any]], [String]?)> {
        let json = try JSONBody.parse(data)
        let list: Any
        switch stream {
        case .invoices:
            guard let object = json as? [String: Any], let invoices = object["invoices"] else { throw JSONBody.NotJSON() }
            list = invoices
        default: list = json
        }
        let name = stream == .customers ? "customer" : stream == .subscriptions ? "subscription" : stream == .events ? "event" : "invoice"
        let elements = try ChargifyMapper.unwrap(list, as: name)
        let texts = JSONSlicer.texts(of: data, key: stream == .invoices ? "invoices" : nil, expectedCount: elements.count)
        return SendableJSON((elements, texts))
    }

    /// The mapped records of decoded elements; `components` (subscriptions only) is per element, in order.
    static func page(
        _ stream: StreamKind, elements: [[String: Any]], texts: [String]?, mapper: ChargifyMapper, components: [[[String: Any]]]
    ) -> FetchedPage {
        var page = FetchedPage()
        page.elementCount = elements.count
        switch stream {
        case .customers: page.customers = elements.indices.compactMap { mapper.customer(elements[$0], text: texts?[$0]) }
        case .invoices: page.invoices = elements.indices.compactMap { mapper.invoice(elements[$0], text: texts?[$0]) }
        case .events: page.events = elements.indices.compactMap { mapper.event(elements[$0], text: texts?[$0]) }
        case .subscriptions:
            page.subscriptions = elements.enumerated().compactMap { index, raw in
                mapper.subscription(raw, components: index < components.count ? components[index] : [], text: texts?[index])
            }
        }
        return page
    }

    static func loadCatalogue(_ executor: RequestExecutor) async throws -> Catalogue {
        let log = LogBuffer()
        var catalogue = Catalogue()
        let stream = StreamKind.subscriptions.rawValue
        let components = try await executor.get("/components.json", stream: stream, log: log) {
            SendableJSON(try ChargifyMapper.unwrap(try JSONBody.parse($0), as: "component"))
        }.value
        catalogue.addComponents(components)
        for raw in components {
            var o = JSONObject(raw)
            guard let id = o.id("id") else { continue }
            let points = try await executor.get("/components/\(Query.segment(id))/price_points.json", stream: stream, log: log) { data in
                guard let object = try JSONBody.parse(data) as? [String: Any], let list = object["price_points"] as? [Any]
                else { throw JSONBody.NotJSON() }
                return SendableJSON(list.compactMap { $0 as? [String: Any] })
            }.value
            catalogue.addPricePoints(points)
        }
        let coupons = try await executor.get("/coupons.json", stream: stream, log: log) {
            SendableJSON(try ChargifyMapper.unwrap(try JSONBody.parse($0), as: "coupon"))
        }.value
        catalogue.addCoupons(coupons)
        return catalogue
    }
}

/// Decoded JSON handed across a task boundary: values from JSONSerialization are immutable once built.
struct SendableJSON<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
