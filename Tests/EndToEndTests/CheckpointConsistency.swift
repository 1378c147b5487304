import BillingCore
import BillingStore
import Foundation
import GRDB
import Sandbox

/// What a store copied mid-way through a first sync of an unchanging sandbox must hold: for every stream,
/// exactly the records of the pages its checkpoint says were committed (the first `(page - 1) * pageSize`
/// of the listing, or the events below its `since_id`), and `records_this_run` equal to that count.
/// A row past its checkpoint or a checkpoint past its rows is a problem.
struct CheckpointConsistency {
    /// One stream's checkpoint and what it implies.
    struct StreamView: CustomStringConvertible {
        var stream: String
        var state: StreamState
        var stored: Int
        var description: String {
            "\(stream): \(state.phase.rawValue) page \(state.page) window \(state.windowStart.map(String.init) ?? "-") rows \(stored)"
        }
        /// Committed some pages but not all.
        var isPartial: Bool { state.phase != .idle && stored > 0 }
    }

    var problems: [String] = []
    var streams: [StreamView] = []

    init(store: BillingStore, sourceName: String, company: Company, pageSize: Int) throws {
        let integrity = try store.integrityCheck()
        if integrity != "ok" { problems.append("integrity_check: \(integrity)") }
        let listings: [(String, [String])] = [
            ("customers", company.customers.map { "\($0.id)" }),
            ("subscriptions", company.subscriptions.map { "\($0.id)" }),
            ("invoices", company.invoices.map(\.uid)),
            ("events", company.events.sorted { $0.id < $1.id }.map { "\($0.id)" }),
        ]
        guard let source = try store.source(named: sourceName) else {
            // Copied before the source was registered: nothing may be there.
            let rows = try store.pool.read { db in
                try Int.fetchOne(
                    db,
                    sql:
                        "SELECT (SELECT count(*) FROM customer) + (SELECT count(*) FROM invoice) + (SELECT count(*) FROM event)"
                ) ?? 0
            }
            if rows > 0 { problems.append("no source registered but \(rows) rows stored") }
            return
        }
        let stored: [String: Set<String>] = [
            "customers": Set(try store.allCustomers(sourceID: source.id, includeDeleted: true).map(\.value.id)),
            "subscriptions": Set(try store.allSubscriptions(sourceID: source.id, includeDeleted: true).map(\.value.id)),
            "invoices": Set(try store.allInvoices(sourceID: source.id, includeDeleted: true).map(\.value.id)),
            "events": Set(try store.events(sourceID: source.id).map { "\($0.id)" }),
        ]
        for (stream, listing) in listings {
            let state = try store.streamState(sourceID: source.id, stream: stream)
            let have = stored[stream] ?? []
            streams.append(StreamView(stream: stream, state: state, stored: have.count))
            let expected: ArraySlice<String>
            if state.phase == .idle && state.lastCompletedAt != nil {
                expected = listing[...]
            } else if state.runStartedAt == nil {
                expected = []
            } else if stream == "events" {
                let below = state.windowStart ?? Int64.min
                expected = listing.filter { (Int64($0) ?? 0) < below }[...]
            } else {
                expected = listing.prefix(max(0, state.page - 1) * pageSize)
            }
            let want = Set(expected)
            if have != want {
                let extra = have.subtracting(want).count
                let missing = want.subtracting(have).count
                problems.append(
                    "\(stream): checkpoint (\(state.phase.rawValue), page \(state.page), window \(state.windowStart.map(String.init) ?? "-")) implies \(want.count) rows, store has \(have.count): \(extra) past the checkpoint, \(missing) missing"
                )
            }
            if state.runStartedAt != nil && state.recordsThisRun != have.count {
                problems.append("\(stream): records_this_run \(state.recordsThisRun) but \(have.count) rows")
            }
        }
    }
}
