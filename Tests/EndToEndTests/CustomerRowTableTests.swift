import BillingCore
import BillingStore
import BilltopApp
import Foundation
import Testing

/// The customers pane's sorts through `dash_customer_row` (one index walk each) give the comparator's order,
/// and a broad search lists its first matches in that order with a capped count.
@Suite(.serialized) struct CustomerRowTableTests {
    @Test func everySortIsTheComparatorOrderAndBroadSearchesAreCapped() async throws {
        let (h, p) = try await StoreDashboardDataTests.synced(customers: 60, seed: 21)
        defer { Task { await h.stop() } }

        for sort in CustomerQuery.Sort.allCases {
            for descending in [false, true] {
                let query = CustomerQuery(sort: sort, descending: descending)
                let rows = try p.store.customers(query, offset: 0, limit: 10_000).rows
                #expect(rows.count == 60)
                let expected = rows.sorted(by: CustomerRowOrder.comparator(sort, descending: descending))
                #expect(rows.map(\.key) == expected.map(\.key), "by \(sort) desc \(descending)")
                let theirs = try p.memory.customers(query, offset: 0, limit: 10_000).rows
                #expect(rows.map(\.key) == theirs.map(\.key), "the fixture's order by \(sort) desc \(descending)")
            }
        }

        // The word most customers share (an email domain part): a broad search.
        let all = try p.store.customers(CustomerQuery(), offset: 0, limit: 10_000).rows
        var counts: [String: Int] = [:]
        for row in all {
            for word in Set(row.email.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)) {
                counts[word, default: 0] += 1
            }
        }
        let word = try #require(counts.max { $0.value < $1.value }?.key)
        let wide = StoreDashboardData(store: h.store, searchCap: 10_000)
        let capped = StoreDashboardData(store: h.store, searchCap: 5)
        for sort in CustomerQuery.Sort.allCases {
            let query = CustomerQuery(text: word, sort: sort)
            let everything = try wide.customers(query, offset: 0, limit: 10_000)
            #expect(
                everything.total > 5 && !everything.isCapped && everything.rows.count == everything.total, "'\(word)'")
            #expect(
                everything.rows.map(\.key)
                    == everything.rows.sorted(by: CustomerRowOrder.comparator(sort, descending: false)).map(\.key))
            let first = try capped.customers(query, offset: 0, limit: 100)
            #expect(first.total == 5 && first.isCapped)
            #expect(first.rows.map(\.key) == Array(everything.rows.prefix(5)).map(\.key), "capped '\(word)' by \(sort)")
            let window = try capped.customers(query, offset: 2, limit: 100)
            #expect(window.offset == 2 && window.rows.map(\.key) == Array(everything.rows[2..<5]).map(\.key))
        }
        // A customer's id, exactly, finds it (the id is not a searchable word).
        let one = try wide.customers(CustomerQuery(text: all[7].key.id), offset: 0, limit: 10_000)
        #expect(one.rows.map(\.key).contains(all[7].key) && one.rows.count == one.total)
    }
}
