import BillingStore

/// How one `billtop serve` runs: its store, what it leads, how often it fetches and where it takes webhooks.
public struct ServeSettings: Sendable {
    public var url: PostgresStoreURL
    /// The sources it may lead, by name (serve fetches only those it has keys for); nil: every source.
    public var sourceNames: Set<String>?
    /// Between the starts of two sync rounds of a source (a round also starts at once on taking the lead).
    public var interval: Duration
    /// How often a standby tries to take the lead, and a leader confirms its lock connection is alive.
    public var tick: Duration = .seconds(1)
    /// Where webhooks are taken (port 0: any free port); nil: none (polling alone).
    public var listen: (host: String, port: Int)?
    public var bodyLimit = WebhookServer.defaultBodyLimit
    /// Told each time the one-line status changes (the command prints it on stderr).
    public var onStatus: @Sendable (String) -> Void = { _ in }
    /// The leads this serve takes, for the store its work writes through (`PostgresStore.fence(by:)`).
    public let leads = LeadEpochs()

    public init(url: PostgresStoreURL, interval: Duration, sourceNames: Set<String>? = nil) {
        self.url = url
        self.interval = interval
        self.sourceNames = sourceNames
    }
}
