import BillingCore
import BilltopApp
import Foundation
import GRDB
import TestSupport
import Testing

@testable import BillingStore

/// The customers pane's search plans (count by the matcher, index walks) answer exactly what the reference
/// plan (every FTS match materialised) answers: same count, same "N+" cap, same rows in the same order, for
/// narrow and broad queries, on a seeded store where most names share a prefix, as at 100k in the benchmark.
@Suite(.serialized) struct CustomerSearchPlanTests {
    /// 5,000 live customers (and some tombstoned): most "Customer N", some of other names, non-ASCII ones,
    /// hostile ones; sort keys (MRR, overdue, state) drawn from a seed.
    static func seededStore() throws -> BillingStore {
        let path = TestScratch.directory("search-plans").appendingPathComponent("store.sqlite").path
        let store = try BillingStore.open(path: path)
        let source = try store.registerSource(name: "acme", kind: "chargify", baseURL: "http://127.0.0.1:1")
        var random = SplitMix64(seed: 7)
        let others = [
            ("José", "Ñúñez", "jose@cafeole.es"), ("Zoë", "Ångström", "zoe@fjord.se"), ("太郎", "山田", "taro@yamada.jp"),
            ("Cust", "Omer", "cust.omer@example.com"), ("Evil\u{1B}[31m", "Corp", "x@evil.test"),
            ("Ava", "Stone", "ava@rocket.de"),
            ("Customs", "Office", "customs@gov.test"), ("Amara", "Okafor", "amara.okafor@example.com"),
        ]
        var customers: [Incoming<Customer>] = []
        for n in 1...5_200 {
            let pick = random.next() % 10
            var value: Customer
            if pick < 8 {
                value = Customer(
                    id: "\(n)", firstName: "Customer", lastName: "\(n)", email: "c\(n)@example.com",
                    organization: "Org \(n % 97)")
            } else {
                let (first, last, email) = others[Int(random.next() % UInt64(others.count))]
                value = Customer(
                    id: "\(n)", firstName: first, lastName: last, email: "\(n).\(email)", reference: "ref-\(n)")
            }
            if n == 4_242 { value.id = "customer 12" }  // an id that is exactly a query text
            customers.append(Incoming(value: value, raw: "{}"))
        }
        for chunk in stride(from: 0, to: customers.count, by: 1_000) {
            var page = PageWrite(sourceID: source.id, stream: "customers")
            page.customers = Array(customers[chunk..<min(chunk + 1_000, customers.count)])
            try store.apply(page)
        }
        var page = PageWrite(sourceID: source.id, stream: "events")
        page.tombstones = (1...200).map { Tombstone(table: .customer, remoteID: "\($0 * 17)", at: 1_700_000_000) }
        try store.apply(page)
        return store
    }

    /// Draws sort keys after the pane's own refresh wrote them (both data objects have refreshed once).
    static func drawSortKeys(_ store: BillingStore) throws {
        var random = SplitMix64(seed: 11)
        try store.pool.write { db in
            for id in try Int64.fetchAll(db, sql: "SELECT customer_id FROM dash_customer_row ORDER BY customer_id") {
                try db.execute(
                    sql:
                        "UPDATE dash_customer_row SET mrr_face = ?, overdue_face = ?, state_rank = ? WHERE customer_id = ?",
                    arguments: [
                        Int64(random.next() % 50) * 1_000, Int64(random.next() % 4) * 500, Int(random.next() % 5), id,
                    ])
            }
        }
    }

    /// Three windows of `query` (the first, one inside, one at the cap) by both data objects: same count, same rows.
    static func compare(
        _ fast: StoreDashboardData, _ reference: StoreDashboardData, _ query: CustomerQuery, cap: Int,
        _ note: String = ""
    ) throws {
        for (offset, limit) in [(0, 150), (7, 5), (max(0, cap - 3), 10)] {
            let mine = try fast.customers(query, offset: offset, limit: limit)
            let theirs = try reference.customers(query, offset: offset, limit: limit)
            let label =
                "'\(query.text)' by \(query.sort) desc \(query.descending) at \(offset)+\(limit), cap \(cap)\(note)"
            #expect(mine.total == theirs.total && mine.isCapped == theirs.isCapped, "\(label): count")
            #expect(mine.offset == theirs.offset && mine.rows.map(\.key) == theirs.rows.map(\.key), "\(label): rows")
        }
    }

    /// Broad searches whose matches are rare early in the order: the window walked to them (the plan before
    /// issue 22), sorted from every match (the standard plan on this store), and each as the FTS candidates
    /// fall either side of the limit.
    @Test func walkedAndSortedWindowsGiveTheReferenceAnswer() throws {
        let store = try Self.seededStore()
        let cap = 40
        let reference = StoreDashboardData(store: store, searchCap: cap, referenceSearch: true)
        let plans = [
            CustomerSearchLimits.walkOnly, CustomerSearchLimits(sortUpTo: 300, narrows: false),
            CustomerSearchLimits(sortUpTo: 1_000_000, narrows: false),
            CustomerSearchLimits(sortUpTo: 0, narrows: false, sortShare: 8),
            // A walk that gives up at once: the sorted plan and the walk within the FTS matches decide every broad
            // window, which the whole walk otherwise finds first on a store this small.
            CustomerSearchLimits(sortUpTo: 1_000, narrows: false, walkBudget: 1),
            // The whole walk, as before the customers' initials: it still answers for the other sorts.
            CustomerSearchLimits(sortUpTo: 300, narrows: false, walksInitials: false),
            // Long words streamed whole: all of them ("exam" merges every "example"), or those whose 3-character
            // prefix at most 100 rows have ("4242", "customer 12"'s "12" is short), the rest cut.
            CustomerSearchLimits(sortUpTo: 300, narrows: false, wholeWordUpTo: 1_000_000),
            CustomerSearchLimits(sortUpTo: 1_000, narrows: true, walkBudget: 1, wholeWordUpTo: 100),
        ].map { ($0, StoreDashboardData(store: store, searchCap: cap, referenceSearch: false, searchLimits: $0)) }
        // Every data object writes its sort keys once before they are drawn.
        for data in [reference] + plans.map(\.1) { _ = try data.customers(CustomerQuery(), offset: 0, limit: 1) }
        try Self.drawSortKeys(store)
        let queries = [
            "c", "cust", "customer", "customer 1", "customer 12", "customer 9", "c1", "c9", "c12", "exam", "org 5",
            "ok ama", "o", "ref", "4242", "a", "zoe", "9", "org 9", "e 5",
        ]
        for (limits, fast) in plans {
            for text in queries {
                for sort in CustomerQuery.Sort.allCases {
                    for descending in [false, true] {
                        try Self.compare(
                            fast, reference, CustomerQuery(text: text, sort: sort, descending: descending), cap: cap,
                            ", sorting up to \(limits.sortUpTo) candidates")
                    }
                }
            }
        }
    }

    /// A long word whose first 3 characters many customers share but few match ("c12@examp": the superset
    /// `"c12"* "exa"*`): the counting pass keeps every match when the store's share of rows lets it read the whole
    /// superset, so the next key narrows them; with only the floor it gives up for the reference count (whose
    /// `"examp"*` merges every customer's "example" at 1M). Both answer as the reference does.
    @Test func aSparseLongWordKeepsItsMatchesWhenTheStoresShareCoversItsSuperset() throws {
        let store = try Self.seededStore()
        let reference = CustomerRows(store: store, referenceSearch: true)
        let floorOnly = CustomerSearchLimits(sortUpTo: 300, narrows: true, countFloor: 20)
        var shared = floorOnly
        shared.countShare = 8  // 5,000 customers: 625 rows
        for text in ["c12@exam", "c12@examp", "c12@example.c"] {
            let query = CustomerListQuery(text: text)
            let want = try reference.page(query, offset: 0, limit: 150, cap: 40, known: nil)
            for (limits, keeps) in [(floorOnly, false), (shared, true)] {
                let page = try CustomerRows(store: store, referenceSearch: false, searchLimits: limits).page(
                    query, offset: 0, limit: 150, cap: 40, known: nil)
                #expect(
                    page.total == want.total && page.rows.map(\.customer.id) == want.rows.map(\.customer.id), "\(text)")
                #expect(
                    (page.matches.ids != nil) == keeps, "'\(text)' with a budget of \(limits.countBudget(rows: 5_000))")
            }
        }
    }

    /// The walk through the customers' initials alone (a budget it never spends, so it answers every window
    /// itself): the reference's rows, both ways by name, for words whose initials hold many customers, few, or
    /// none, and for customers listed as undecided (non-ASCII) whom only the index's folding matches.
    @Test func theWalkThroughTheInitialsGivesTheReferenceAnswer() throws {
        let store = try Self.seededStore()
        // A cap above the store's size: the reference lists every match (a capped one stops at the cap).
        let reference = StoreDashboardData(store: store, searchCap: 10_000, referenceSearch: true)
        let limits = CustomerSearchLimits(sortUpTo: 0, narrows: false, walkBudget: 100_000_000)
        let queries = [
            "9", "customer 9", "org 9", "org 50", "customer 49", "c1", "ex", "Am Ok", "e 5", "c12", "ref-1", "a", "zoe",
            "ångs" /* no matcher */, "jos", "o", "x",
            "customer 12", "4242", "q",
        ]
        var answered = 0
        for text in queries {
            for descending in [false, true] {
                let query = CustomerQuery(text: text, sort: .name, descending: descending)
                let search = CustomerSearch(
                    CustomerListQuery(text: text, sort: .name, descending: descending), text: text,
                    fts: DashboardSQL.prefixQuery(text) ?? "", cap: 40, reference: false, limits: limits)
                for (offset, limit) in [(0, 150), (7, 5), (37, 10)] {
                    let walked = try store.pool.read { db in
                        try search.initialWalk(db, offset: offset, limit: limit).map { ids in
                            try ids.map {
                                try String.fetchOne(
                                    db, sql: "SELECT remote_id FROM customer WHERE id = ?", arguments: [$0]) ?? "?"
                            }
                        }
                    }
                    guard let walked else {
                        #expect(text == "ångs", "'\(text)': only a query without a matcher has no walk")
                        continue
                    }
                    answered += 1
                    let theirs = try reference.customers(query, offset: offset, limit: limit).rows.map(\.key.id)
                    #expect(walked == theirs, "'\(text)' desc \(descending) at \(offset)+\(limit)")
                }
            }
        }
        #expect(answered == (queries.count - 1) * 6)
    }

    /// The walk reads the list of the word whose initial the fewest customers have: "org 9" the customers with a
    /// word beginning "9", not the thousands of "Org N"; a longer word, its first two characters'.
    @Test func theWalkReadsTheRarestInitialsList() throws {
        let store = try Self.seededStore()
        func rarest(_ text: String) throws -> String? {
            let search = CustomerSearch(
                CustomerListQuery(text: text), text: text, fts: DashboardSQL.prefixQuery(text) ?? "", cap: 40,
                reference: false)
            return try store.pool.read { try search.rarestInitial($0, search.matcher?.words ?? []) }
        }
        #expect(try rarest("org 9") == "9")
        #expect(try rarest("9 org") == "9")
        #expect(try rarest("customer 12 q") == "q", "no customer has a word beginning with q")
        #expect(try rarest("ava") == "av")
        #expect(try rarest("org 50") == "50")
    }

    /// Which broad windows may sort every match: not when one word of several is had by more customers than the
    /// limit (the count and the sort would merge its doclist whole: "org 5" at 100k), still when the only word is
    /// rare ("c9"). The windows' answers are the same either way (above); this is the choice itself.
    @Test func aWordMostCustomersHaveSendsTheWindowToTheWalk() throws {
        let store = try Self.seededStore()
        func common(_ text: String, limit: Int) throws -> Bool {
            let search = CustomerSearch(
                CustomerListQuery(text: text), text: text, fts: DashboardSQL.prefixQuery(text) ?? "", cap: 40,
                reference: false)
            return try store.pool.read { try search.hasCommonWord($0, limit: limit) }
        }
        // About 4,160 of the 5,200 are "Customer N" of "Org N".
        #expect(try common("org 5", limit: 1_000))
        #expect(try common("customer 12", limit: 1_000))
        #expect(try !common("org 5", limit: 10_000), "no word is had by more than the limit")
        #expect(try !common("c9", limit: 1_000), "one word: its own count decides")
        #expect(try !common("ava stone", limit: 1_000))
    }

    @Test func everyPlanGivesTheReferenceAnswer() throws {
        let store = try Self.seededStore()
        let queries = [
            "c", "cu", "cus", "cust", "custo", "customer", "customer ", "customer 1", "customer 12", "customer 123",
            "customer 1234", "customer 9", "customer 49", "Customer 5", "cusp", "customs", "c1", "c12", "exam",
            "example", "org 5", "org 50", "jos", "josé", "zoe", "ångs", "山田", "evil", "31m", "ref", "ref-1",
            "customer 12", "amara okafor", "ok ama", "o", "x", "4242", "  ", "--", "\"*) OR (",
        ]
        for cap in [1_000, 40] {
            let fast = StoreDashboardData(store: store, searchCap: cap)
            let reference = StoreDashboardData(store: store, searchCap: cap, referenceSearch: true)
            _ = try fast.customers(CustomerQuery(), offset: 0, limit: 1)
            _ = try reference.customers(CustomerQuery(), offset: 0, limit: 1)
            if cap == 1_000 { try Self.drawSortKeys(store) }
            for text in queries {
                // The default cap on two sorts (ascending), the small cap on every sort both ways (the suite's time).
                for sort in cap == 1_000 ? [.name, .mrr] : CustomerQuery.Sort.allCases {
                    for descending in cap == 1_000 ? [false] : [false, true] {
                        let query = CustomerQuery(text: text, sort: sort, descending: descending)
                        try Self.compare(fast, reference, query, cap: cap)
                    }
                }
            }
        }
        // The store really has broad and narrow queries (the test would prove little otherwise).
        let data = StoreDashboardData(store: store)
        #expect(try data.customers(CustomerQuery(text: "cust"), offset: 0, limit: 1).isCapped)
        #expect(try !data.customers(CustomerQuery(text: "customer 123"), offset: 0, limit: 1).isCapped)
        #expect(
            try data.customers(CustomerQuery(text: "customer 12"), offset: 0, limit: 200).rows.contains {
                $0.key.id == "customer 12"
            })
    }
}
