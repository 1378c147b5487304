import BillingCore
import BillingStore
import Foundation
import GRDB
import Sandbox

/// Compares what the store holds for a source with the sandbox's company, on every field that matters
/// to the panes (ids, names, states, amounts, line and payment counts, update times).
struct StoreComparison {
    var differences: [String] = []
    /// Records left out because the sandbox changed them with an `updated_at` before the sync window.
    var backdated = 0
    /// "kind:id" of every record left out (pass them back in `excluding` for the next comparison).
    var excludedIDs: Set<String> = []

    /// Rows per kind: id -> (summary, updated_at) as the sandbox has them.
    struct Snapshot {
        var rows: [String: [String: (String, Int64)]] = [:]

        init(_ company: Company) {
            rows["customers"] = Dictionary(
                uniqueKeysWithValues: company.customers.map {
                    (
                        "\($0.id)",
                        (
                            "\($0.id)|\($0.firstName)|\($0.lastName)|\($0.email)|\($0.organization)|\($0.reference)|\($0.updatedAt)",
                            $0.updatedAt
                        )
                    )
                })
            rows["subscriptions"] = Dictionary(
                uniqueKeysWithValues: company.subscriptions.map {
                    (
                        "\($0.id)",
                        (
                            "\($0.id)|\($0.customerID)|\($0.state)|\($0.productPriceInCents)|\($0.currency.code)|\($0.balanceInCents)|\($0.components.count)|\($0.couponCodes.count)|\($0.updatedAt)",
                            $0.updatedAt
                        )
                    )
                })
            rows["invoices"] = Dictionary(
                uniqueKeysWithValues: company.invoices.map {
                    (
                        $0.uid,
                        (
                            "\($0.uid)|\($0.number)|\($0.customerID)|\($0.status)|\($0.currency.code)|\($0.total)|\($0.paid)|\($0.due)|\($0.lineItems.count)|\($0.payments.count)|\($0.lineItems.map(\.total).reduce(0, +))",
                            $0.updatedAt
                        )
                    )
                })
            rows["events"] = Dictionary(
                uniqueKeysWithValues: company.events.map { ("\($0.id)", ("\($0.id)|\($0.key)", $0.createdAt)) })
        }
    }

    /// - Parameters:
    ///   - previous: the company as of the previous sync, with `windowStart`: records changed since then
    ///     but stamped before the window are counted in `backdated` instead of as differences.
    init(
        store: BillingStore, sourceID: Int64, company: Company, previous: Company? = nil, windowStart: Int64? = nil,
        excluding: Set<String> = []
    ) throws {
        let expected = Snapshot(company)
        let before = previous.map(Snapshot.init)
        var got: [String: [String]] = [:]
        let customers = try store.allCustomers(sourceID: sourceID)
        got["customers"] = customers.map {
            let c = $0.value
            return
                "\(c.id)|\(c.firstName)|\(c.lastName)|\(c.email)|\(c.organization)|\(c.reference)|\(c.updatedAt?.secondsSinceEpoch ?? 0)"
        }
        let subscriptions = try store.allSubscriptions(sourceID: sourceID)
        got["subscriptions"] = subscriptions.map {
            let s = $0.value
            return
                "\(s.id)|\(s.customerID)|\(s.state.apiValue)|\(s.productPrice.minorUnits)|\(s.currency.code)|\(s.balance.minorUnits)|\(s.components.count)|\(s.coupons.count)|\(s.updatedAt?.secondsSinceEpoch ?? 0)"
        }
        let invoices = try store.allInvoices(sourceID: sourceID)
        got["invoices"] = invoices.map {
            let i = $0.value
            return
                "\(i.id)|\(i.number)|\(i.customerID)|\(i.status.apiValue)|\(i.currency.code)|\(i.total.minorUnits)|\(i.paid.minorUnits)|\(i.due.minorUnits)|\(i.lineItems.count)|\(i.payments.count)|\(i.lineItems.map(\.total.minorUnits).reduce(0, +))"
        }
        got["events"] = try store.events(sourceID: sourceID).map { "\($0.id)|\($0.key)" }
        for kind in ["customers", "subscriptions", "invoices", "events"] {
            var want = Set<String>()
            var skip = Set<String>()
            for (id, (row, updated)) in expected.rows[kind] ?? [:] {
                if excluding.contains("\(kind):\(id)") {
                    skip.insert(id)
                    excludedIDs.insert("\(kind):\(id)")
                    continue
                }
                if let before, let windowStart, updated < windowStart, before.rows[kind]?[id]?.0 != row {
                    backdated += 1
                    skip.insert(id)
                    excludedIDs.insert("\(kind):\(id)")
                    continue
                }
                want.insert(row)
            }
            let rows = (got[kind] ?? []).filter { row in !skip.contains(String(row.prefix { $0 != "|" })) }
            compare(kind, want, Set(rows), countGot: rows.count)
        }
        let flagged =
            customers.filter { !$0.flags.isEmpty }.count + subscriptions.filter { !$0.flags.isEmpty }.count
            + invoices.filter { !$0.flags.isEmpty }.count
        if flagged > 0 {
            let sample =
                subscriptions.first { !$0.flags.isEmpty }?.flags ?? invoices.first { !$0.flags.isEmpty }?.flags ?? []
            differences.append("\(flagged) records carry decode flags, e.g. \(sample.prefix(3))")
        }
        try compareInvoiceSums(store)
    }

    /// The invoice sums the writer keeps (per page and by triggers) against the same sums recomputed from the
    /// stored rows: a sync, interrupted or not, must leave them equal.
    mutating func compareInvoiceSums(_ store: BillingStore) throws {
        let group = "source_id, currency, status, open_rank"
        for (table, day) in [("dash_invoice_sums", false), ("dash_invoice_day_sums", true)] {
            let columns = (day ? "issue_date, " : "") + group
            let (kept, recomputed) = try store.pool.read { db in
                (
                    try Row.fetchAll(
                        db,
                        sql: """
                            SELECT \(columns), n, total_minor, due_minor FROM \(table)
                            WHERE n != 0 OR total_minor != 0 OR due_minor != 0
                            """),
                    try Row.fetchAll(
                        db,
                        sql: """
                            SELECT \(columns), count(*), sum(total_minor), sum(due_minor) FROM invoice i
                            WHERE deleted_at IS NULL \(day ? "AND issue_date IS NOT NULL" : "") AND EXISTS (SELECT 1 FROM customer c
                                WHERE c.source_id = i.source_id AND c.remote_id = i.customer_remote_id AND c.deleted_at IS NULL)
                            GROUP BY \(columns)
                            """)
                )
            }
            let text = { (rows: [Row]) in
                rows.map { row in row.databaseValues.map(\.description).joined(separator: "|") }
            }
            compare(table, Set(text(recomputed)), Set(text(kept)), countGot: kept.count)
        }
    }

    mutating func compare(_ what: String, _ expected: Set<String>, _ got: Set<String>, countGot: Int) {
        if countGot != got.count { differences.append("\(what): \(countGot - got.count) duplicates") }
        let missing = expected.subtracting(got)
        let extra = got.subtracting(expected)
        if !missing.isEmpty || !extra.isEmpty {
            differences.append(
                "\(what): \(missing.count) missing/different, \(extra.count) unexpected; e.g. want \(missing.sorted().prefix(2)) got \(extra.sorted().prefix(2))"
            )
        }
    }
}
