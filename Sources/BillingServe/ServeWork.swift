import BillingStore

/// What `billtop serve` asks of the fetcher and the action core, for one source it leads. Serve decides when
/// (leadership, the queue, webhooks, the interval); the work is done behind this protocol, so the engine-neutral
/// sync and action runners plug in without serve knowing either, and tests drive serve with a fake.
public protocol ServeWork: Sendable {
    /// One sync round of the source (its events: the polling fallback that catches what no webhook said).
    func syncRound(source: SourceInfo) async throws

    /// Re-reads the objects a webhook named.
    func reread(source: SourceInfo, targets: [WebhookTarget]) async throws

    /// Performs one claimed request with the request's token, journalled under it. For a request that is
    /// `resumed` (an earlier serve claimed it and died) the journal decides: an attempt already answered is
    /// not sent again, one sent and never answered is sent again with the same token (the provider then says
    /// it was already done). Never throws: a failure is an outcome the viewer reads.
    func perform(_ request: QueuedActionRequest, source: SourceInfo) async -> ActionRequestOutcome

    /// Housekeeping of the store, run about once a minute while this serve leads a source: clearing the
    /// outcomes that are credentials (a billing-portal link) once their asker has had them.
    func tidy() async
}

extension ServeWork {
    /// Nothing to tidy: a work that writes no credential into outcomes (the tests' fakes).
    public func tidy() async {}
}
