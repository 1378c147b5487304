import BillingCore
import BillingStore

/// A first sync of a large account takes hours on a plan's request budget; the invoices support and CSMs
/// act on (the open ones, overdue among them) must not wait behind years of paid history. So on a budget
/// (`requests_per_hour`) the first complete invoice listing is accompanied by a listing of the open invoices alone, whose requests go ahead
/// of every stream but the customers (`StreamKind.openInvoicesPriority`), stored page by page as they come.
extension StreamSyncer {
    /// True for the first complete invoice listing a source on a request budget ever makes (not a resumed
    /// one, not `--full` later on: then the store already has the open invoices). Without a budget nothing
    /// holds the history back for long, and the open invoices' second listing would only cost requests.
    static func listsOpenInvoicesFirst(
        _ stream: StreamKind, saved: StreamState, fresh: Bool, full: Bool, budgeted: Bool
    ) -> Bool {
        budgeted && stream == .invoices && fresh && full && saved.highWater == nil
    }

    /// Lists the open invoices and upserts them page by page, with no checkpoint: the complete listing
    /// running alongside is the stream's, and lists them again (upserts absorb the repeat). A failure ends
    /// only this pass, with a line in the sync log; the complete listing still brings every invoice.
    /// Returns how many invoices it stored.
    @discardableResult
    func listOpenInvoices() async -> Int {
        var position = FetchPosition(page: 1, cursor: nil, windowStart: nil, status: "open")
        var loop = LoopGuard()
        var stored = 0
        let log = LogBuffer()
        while !Task.isCancelled {
            do {
                let page = try await client.fetch(.invoices, at: position, log: log)
                try loop.check(page: page, position: position)
                try await store.commit(PageWrite(
                    sourceID: source.id, stream: StreamKind.invoices.rawValue, invoices: page.invoices, log: log.drain()))
                stored += page.invoices.count
                switch page.next {
                case .page(let next):
                    position.page = next
                case .cursor(let cursor):
                    position.cursor = cursor
                case .done, .sinceID:
                    try? store.appendLog([entry(.invoices, .info, "listed \(stored) open invoices ahead of the history")])
                    return stored
                }
            } catch {
                let reason = (error as? SyncError)?.description ?? "\(error)"
                try? store.appendLog(log.drain() + [entry(
                    .invoices, .info, "open invoices first: stopped after \(stored) (\(reason)); the complete listing brings them")])
                return stored
            }
        }
        return stored
    }
}
