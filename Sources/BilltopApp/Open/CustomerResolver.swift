import BillingCore
import BillingStore
import Foundation

/// Which customers an `OpenArgument` names in the store, and so where the dashboard opens.
///
/// A plain text is tried as a customer id, reference and invoice number at once: Chargify's customer ids and
/// invoice numbers are both small integers and often collide, and guessing one would open the wrong account
/// without a word. Every match is kept; several open the search instead.
public struct CustomerResolver: Sendable {
    /// A site whose admin URLs billtop accepts: a source in the store or in config.toml.
    public struct Site: Sendable, Equatable {
        public var name: String
        public var baseURL: String

        public init(name: String, baseURL: String) {
            self.name = name
            self.baseURL = baseURL
        }
    }

    let store: BillingStore
    let configured: [Site]

    /// `configured`: the Chargify sources of config.toml (their hosts count even before a first sync).
    public init(store: BillingStore, configured: [Site] = []) {
        self.store = store
        self.configured = configured
    }

    /// The customers `argument` names, live only, by source then store order.
    public func matches(_ argument: OpenArgument) throws -> [CustomerKey] {
        let sources = try store.sources()
        let names = Dictionary(sources.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var keys: [RecordKey] = []
        switch argument {
        case .email(let text):
            keys = try store.customers(matching: text)
        case .text(let text):
            keys = try store.customers(matching: text) + store.customers(ofInvoiceNumber: text)
        case .adminURL(let host, let port, let object, let id):
            let chargify = sources.filter { $0.kind == "chargify" }.map { Site(name: $0.name, baseURL: $0.baseURL) }
            let sites = (chargify + configured).filter { site in
                Self.hostAndPort(site.baseURL).map { $0.host == host && $0.port == port } ?? false
            }
            guard !sites.isEmpty else {
                let known = Set((chargify + configured).compactMap { Self.hostAndPort($0.baseURL)?.label }).sorted()
                throw OpenFailure(
                    "unknown host \(TextSanitizer.clean(host)): no Chargify source in the store or config.toml has it"
                        + (known.isEmpty ? "" : " (known: \(known.joined(separator: ", ")))"))
            }
            let ids = sources.filter { source in sites.contains { $0.name == source.name } }.map(\.id)
            for sourceID in ids {
                switch object {
                case .customer:
                    keys += try store.customers(matching: id, sourceID: sourceID).filter { $0.remoteID == id }
                case .subscription: keys += try store.customer(ofSubscription: id, sourceID: sourceID)
                case .invoice: keys += try store.customer(ofInvoiceUID: id, sourceID: sourceID)
                }
            }
        }
        var seen = Set<RecordKey>()
        return keys.filter { seen.insert($0).inserted }.compactMap { key in
            names[key.sourceID].map { CustomerKey(source: $0, id: key.remoteID) }
        }
    }

    /// Where to open for `argument`: one customer, or the search (with a text the customers pane matches);
    /// none throws one line naming what was looked for.
    public func startPoint(for argument: OpenArgument, raw: String) throws -> StartPoint {
        let found = try matches(argument)
        guard let first = found.first else {
            let shown = TextSanitizer.clean(raw.trimmingCharacters(in: .whitespacesAndNewlines))
            throw OpenFailure("no customer matches \(shown) in the store; try `billtop customers \(shown)`")
        }
        if found.count == 1 { return .customer(first) }
        switch argument {
        case .email(let text), .text(let text): return .search(text)
        // Several customers behind one URL (two sources on one site): the pane matches a customer's exact id.
        case .adminURL: return .search(first.id)
        }
    }

    /// A base URL's lower-cased host and port (the scheme's default when it names none).
    static func hostAndPort(_ baseURL: String) -> (host: String, port: Int, label: String)? {
        guard let parts = URLComponents(string: baseURL), let host = parts.host?.lowercased(), !host.isEmpty else {
            return nil
        }
        let port = parts.port ?? (parts.scheme?.lowercased() == "https" ? 443 : 80)
        return (host, port, parts.port == nil ? host : "\(host):\(port)")
    }
}
