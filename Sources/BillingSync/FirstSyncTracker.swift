import BillingCore
import Foundation

/// Follows one source's first sync (a stream listed completely for the first time) and writes how far it
/// has come as a `SyncEstimate` line: at its first page, then at most every `interval` seconds and when a
/// stream ends, so a long run leaves a line in the sync log (the log view, the header) without flooding it.
final class FirstSyncTracker: @unchecked Sendable {
    // @unchecked: every var is only touched under `lock`.
    private let lock = NSLock()
    private let clock: any SyncClock
    private let requests: RequestCounter
    private let pageSize: Int
    private let requestsPerHour: Int?
    private let interval: Double
    private var streams: [StreamKind: SyncEstimate.Stream]
    private let order: [StreamKind]
    /// Invoices the subscriptions listed so far have billed (`InvoiceForecast`).
    private var forecastInvoices = 0
    /// True when this run lists every subscription from the first (else the forecast would miss some).
    private var forecasting = false
    private var started: (at: Double, requests: Int)?
    private var lastLine: Double?

    init(
        streams: [StreamKind], pageSize: Int, requestsPerHour: Int?, clock: any SyncClock, requests: RequestCounter,
        interval: Double = 30
    ) {
        self.order = streams
        self.streams = Dictionary(uniqueKeysWithValues: streams.map { ($0, SyncEstimate.Stream(name: $0.rawValue)) })
        self.pageSize = pageSize
        self.requestsPerHour = requestsPerHour
        self.clock = clock
        self.requests = requests
        self.interval = interval
    }

    /// A stream began; a first listing (complete, never finished before) makes this run a first sync.
    func began(_ stream: StreamKind, firstListing: Bool, records: Int) {
        lock.withLock {
            streams[stream]?.records = records
            if firstListing, started == nil { started = (clock.now(), requests.count) }
            if stream == .subscriptions { forecasting = firstListing && records == 0 }
        }
    }

    /// A page of `stream` is being committed (`records` and `pages` so far); its progress line when one is due.
    func committed(_ stream: StreamKind, subscriptions: [Subscription], records: Int, pages: Int) -> String? {
        lock.withLock {
            streams[stream]?.records = records
            streams[stream]?.pages = pages
            let now = Int64(clock.now())
            for subscription in subscriptions {
                forecastInvoices += InvoiceForecast.periodsBilled(subscription, now: now)
            }
            guard started != nil, lastLine.map({ clock.now() - $0 >= interval }) ?? true else { return nil }
            lastLine = clock.now()
            return lockedEstimate()?.line
        }
    }

    /// `stream` listed its last page; the progress line (none when this is not a first sync).
    func finished(_ stream: StreamKind) -> String? {
        lock.withLock {
            streams[stream]?.finished = true
            lastLine = clock.now()
            return lockedEstimate()?.line
        }
    }

    /// The estimate now, or nil when no first listing is running.
    var estimate: SyncEstimate? { lock.withLock { lockedEstimate() } }

    private func lockedEstimate() -> SyncEstimate? {
        guard let started else { return nil }
        var listed = order.compactMap { streams[$0] }
        // The invoices expected are only known once every subscription has been listed.
        if forecasting, streams[.subscriptions]?.finished == true,
            let index = listed.firstIndex(where: { $0.name == "invoices" })
        {
            listed[index].expected = forecastInvoices
        }
        return SyncEstimate(
            streams: listed, pageSize: pageSize, requestsPerHour: requestsPerHour,
            requestsSent: requests.count - started.requests, elapsedSeconds: clock.now() - started.at)
    }
}
