import BillingCore
import BillingStore

/// A first sync of a large account takes hours on a plan's request budget; the invoices support and CSMs
/// act on (the open ones, overdue among them, and the pending ones) must not wait behind years of paid
/// history. So on a budget
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

    /// The invoice statuses listed ahead of the history: `open` (issued, unpaid, overdue among them) and
    /// `pending` (issued, its payment not settled yet: the amount is still due). Each is its own listing,
    /// since Maxio documents `status` as one value; pending invoices are few, so it costs a request or two.
    static let dueStatuses = ["open", "pending"]

    /// Lists the invoices still due (`dueStatuses`) and upserts them page by page, with no checkpoint: the
    /// complete listing running alongside is the stream's, and lists them again (upserts absorb the repeat).
    /// A failure ends only this pass, with a line in the sync log; the complete listing still brings every
    /// invoice. Returns how many invoices it stored.
    @discardableResult
    func listOpenInvoices() async -> Int {
        var stored = 0
        for status in Self.dueStatuses where !Task.isCancelled {
            guard let count = await listInvoices(status: status) else { break }
            stored += count
        }
        return stored
    }

    /// One status's listing; nil when it stopped early (logged), so the next status is not listed either.
    private func listInvoices(status: String) async -> Int? {
        var position = FetchPosition(page: 1, cursor: nil, windowStart: nil, status: status)
        var loop = LoopGuard()
        var stored = 0
        let log = LogBuffer()
        while !Task.isCancelled {
            do {
                let page = try await client.fetch(.invoices, at: position, log: log)
                try loop.check(page: page, position: position)
                try await store.commit(
                    PageWrite(
                        sourceID: source.id, stream: StreamKind.invoices.rawValue, invoices: page.invoices,
                        log: log.drain()))
                stored += page.invoices.count
                switch page.next {
                case .page(let next): position.page = next
                case .cursor(let cursor): position.cursor = cursor
                case .done, .sinceID:
                    let line = "listed \(stored) \(status) invoices ahead of the history"
                    try? await store.appendLog([entry(.invoices, .info, line)])
                    return stored
                }
            } catch {
                let reason = (error as? SyncError)?.description ?? "\(error)"
                let line =
                    "\(status) invoices first: stopped after \(stored) (\(reason)); the complete listing brings them"
                try? await store.appendLog(log.drain() + [entry(.invoices, .info, line)])
                return nil
            }
        }
        return nil
    }
}
