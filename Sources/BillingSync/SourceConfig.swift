import BillingCore

/// One billing account to sync: where it is, how to authenticate, and how gently to page it.
public struct SourceConfig: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case chargify, truto
    }

    /// The name used in the store, logs and `--source` ("acme").
    public var name: String
    public var kind: Kind
    /// Base URL without a trailing slash (`https://acme.chargify.com`, `https://api.truto.one`).
    public var baseURL: String
    /// Truto integrated account id ("" for Chargify).
    public var account: String
    /// The API key (Chargify) or bearer token (Truto). Never logged, stored or shown.
    public var secret: String
    /// Seconds between runs in `--watch`.
    public var intervalSeconds: Int
    /// Requests in flight at once; Chargify allows 4.
    public var maxInFlight: Int
    /// Records per page (Chargify clamps to 200).
    public var pageSize: Int
    /// How far before the previous run's start a new incremental window begins.
    public var overlapSeconds: Int
    /// The source's request budget (Chargify plans allow about 3,600 an hour): requests are spaced to it
    /// instead of running into 429s. nil: unpaced.
    public var requestsPerHour: Int?
    /// `allow_insecure_http = true`: plain http to a host that is not loopback is accepted (the key then
    /// crosses the network unencrypted; `config check` and the dashboard header say so).
    public var allowInsecureHTTP: Bool
    /// Body bytes one response may hold after gzip decoding (`max_response_mb`, default 64).
    public var maxResponseBytes: Int
    /// `read_only = true`: every action on this source is refused before anything is sent.
    public var readOnly: Bool
    /// `actions = [...]`: the only actions allowed on this source; nil allows every one.
    public var allowedActions: Set<ActionKind>?

    public init(
        name: String, kind: Kind, baseURL: String, account: String = "", secret: String, intervalSeconds: Int = 60,
        maxInFlight: Int = 4, pageSize: Int = 200, overlapSeconds: Int = 300, requestsPerHour: Int? = nil,
        allowInsecureHTTP: Bool = false, maxResponseBytes: Int = ResponseLimit.defaultBytes, readOnly: Bool = false,
        allowedActions: Set<ActionKind>? = nil
    ) {
        self.name = name
        self.kind = kind
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.account = account
        self.secret = secret
        self.intervalSeconds = intervalSeconds
        self.maxInFlight = min(maxInFlight, kind == .chargify ? 4 : maxInFlight)
        self.pageSize = max(1, min(pageSize, 200))
        self.overlapSeconds = max(0, overlapSeconds)
        self.requestsPerHour = requestsPerHour.flatMap { $0 > 0 ? $0 : nil }
        self.allowInsecureHTTP = allowInsecureHTTP
        self.maxResponseBytes = max(1, maxResponseBytes)
        self.readOnly = readOnly
        self.allowedActions = allowedActions
    }

    /// The streams this kind of source has, in the order they run.
    public var streams: [StreamKind] { [.customers, .subscriptions, .invoices, .events] }
}

/// A listing the fetcher keeps in step with the source.
public enum StreamKind: String, Sendable, Hashable, CaseIterable {
    case customers, subscriptions, invoices, events

    /// Which stream's requests go first when a source's requests queue (lower first): what an agent
    /// looks up (customers), then what they act on (subscriptions), then history. Open invoices listed ahead
    /// of a first sync's history (`openInvoicesPriority`) come second. Events go before the invoice history:
    /// their `since_id` chain cannot read ahead and never holds more than one slot, so behind the invoices'
    /// read-ahead it was the last request standing (2,000 customers at Chargify's cap and 200 ms: 2.5 s at one
    /// in flight after the invoices ended).
    var priority: Int {
        switch self {
        case .customers: 0
        case .subscriptions: 2
        case .events: 3
        case .invoices: 4
        }
    }

    /// The priority of a first sync's listing of open invoices: right after the customers.
    static let openInvoicesPriority = 1
}
