import BillingCore
import BillingStore
import BilltopApp
import Foundation
import TestSupport
import Testing

/// Type-ahead narrowing (issue 22): each keystroke that extends the last text tests only that text's matches.
/// Typed letter by letter, every window equals the reference plan's; a sync between two keys is seen once the
/// dashboard has refreshed (which it does on every store change).
@Suite(.serialized) struct CustomerSearchNarrowingTests {
    static let asOf = LocalDate(iso: "2026-06-20")!

    @Test func typingLetterByLetterGivesTheReferenceAnswerAtEveryKey() throws {
        let store = try CustomerSearchPlanTests.seededStore()
        let cap = 40
        let fast = StoreDashboardData(store: store, searchCap: cap)
        let reference = StoreDashboardData(store: store, searchCap: cap, referenceSearch: true)
        for data in [fast, reference] { _ = try data.customers(CustomerQuery(), offset: 0, limit: 1) }
        try CustomerSearchPlanTests.drawSortKeys(store)
        // Names typed on: narrow ones (ids kept from the first 4-letter word), broad ones, an id that is exactly
        // a text ("customer 12" is customer 4242's id), non-ASCII rows among the matches ("cust" meets "Cust
        // Omer", "Customs", and José's and Zoë's rows when typing their names).
        let typed = [
            "customer 12", "customs office", "amara okafor", "cust omer", "josé", "zoe@fjord", "4242.customs",
            "example.com", "ref-12",
        ]
        for text in typed {
            for end in text.indices.dropFirst() + [text.endIndex] {
                let prefix = String(text[..<end])
                // Two sorts per key: the first narrows, the second reuses the same text's matches.
                for sort in [CustomerQuery.Sort.name, .mrr] {
                    try CustomerSearchPlanTests.compare(
                        fast, reference, CustomerQuery(text: prefix, sort: sort), cap: cap, ", typed on")
                }
            }
        }
    }

    @Test func aSyncBetweenTwoKeysIsSeenAfterTheRefresh() throws {
        let store = try CustomerSearchPlanTests.seededStore()
        let cap = 40
        let fast = StoreDashboardData(store: store, searchCap: cap)
        let reference = StoreDashboardData(store: store, searchCap: cap, referenceSearch: true)
        for data in [fast, reference] { _ = try data.customers(CustomerQuery(), offset: 0, limit: 1) }
        try CustomerSearchPlanTests.compare(fast, reference, CustomerQuery(text: "amar"), cap: cap)
        // A sync adds an Amara, renames one away and tombstones another.
        let source = try #require(try store.source(named: "acme"))
        let amaras = try fast.customers(CustomerQuery(text: "amara"), offset: 0, limit: 3).rows.map(\.key.id)
        _ = try fast.customers(CustomerQuery(text: "amar"), offset: 0, limit: 1)
        #expect(amaras.count == 3)
        var page = PageWrite(sourceID: source.id, stream: "customers")
        page.customers = [
            Incoming(value: Customer(id: "9001", firstName: "Amara", lastName: "Zulu", email: "z@z.test"), raw: "{}"),
            Incoming(value: Customer(id: amaras[0], firstName: "Renamed", lastName: "Away"), raw: "{}"),
        ]
        page.tombstones = [Tombstone(table: .customer, remoteID: amaras[1], at: 1_700_000_000)]
        try store.apply(page)
        try fast.refresh(asOf: Self.asOf)
        for text in ["amara", "amara ", "amara z", "amara zu"] {
            try CustomerSearchPlanTests.compare(fast, reference, CustomerQuery(text: text), cap: cap, ", after a sync")
        }
        // The window is capped at 40 names in order, so the new Amara (Zulu, last by name) is looked for by her
        // full name; the two that left were among the first three.
        let found = try fast.customers(CustomerQuery(text: "amara"), offset: 0, limit: 200).rows.map(\.key.id)
        #expect(!found.contains(amaras[0]) && !found.contains(amaras[1]), "\(found)")
        let zulu = try fast.customers(CustomerQuery(text: "amara zu"), offset: 0, limit: 200).rows.map(\.key.id)
        #expect(zulu.contains("9001"), "\(zulu)")
    }
}
