import BillingStore

/// Where one stream's run stands as `StreamSyncer.run` goes page by page: the state the next page starts
/// from, the state last committed, and the run's reader and sync-log lines.
struct StreamRun {
    /// What a page's step leads to.
    enum Next {
        /// Another page follows (or the window starts again after a refused cursor).
        case more
        /// The listing ended with this page.
        case finished
        /// The run stopped with this error, already recorded (`StreamSyncer.stop`).
        case stopped(SyncError)
    }

    /// The state the next page starts from.
    var state: StreamState
    /// The state last committed with a page: a page the store refuses must not move the checkpoint.
    var committed: StreamState
    /// A run that has committed nothing yet takes its start mark from the server's clock.
    var adoptServerStart: Bool
    /// The first complete invoice listing on a budget lists the open invoices alongside
    /// (`StreamSyncer.listsOpenInvoicesFirst`).
    var openInvoicesFirst: Bool
    /// Sync-log lines gathered while fetching, written with the next page's transaction.
    let log: LogBuffer
    var reader: PageReader
    var loop = LoopGuard()
    /// Pages fetched and planned so far (the stream's requests, as reported).
    var pages = 0
    /// Windows listed again after the server refused a cursor.
    var restarts = 0

    init(state: StreamState, adoptServerStart: Bool, openInvoicesFirst: Bool, log: LogBuffer, reader: PageReader) {
        self.state = state
        self.committed = state
        self.adoptServerStart = adoptServerStart
        self.openInvoicesFirst = openInvoicesFirst
        self.log = log
        self.reader = reader
    }

    /// Where the next page is.
    var position: FetchPosition {
        FetchPosition(page: state.page, cursor: state.cursor, windowStart: state.windowStart)
    }
}
