import BillingCore
import GRDB
import Testing

@testable import BillingStore

/// The superset a counting pass streams (`CustomerSearch.wholeSparseWords`): a long word stays whole when few
/// rows share its first 3 characters, is cut when many do, and a prefix is counted once while typing on. The
/// answers are the reference plan's either way (`CustomerSearchPlanTests`); this is the choice itself.
@Suite(.serialized) struct CustomerSearchSupersetTests {
    /// The superset of `text` under `limits`, given the prefix counts already made, and the counts after.
    static func superset(
        _ store: BillingStore, _ text: String, limits: CustomerSearchLimits = .standard,
        counted: [String: Int] = [:]
    ) throws -> (query: String?, counts: [String: Int]) {
        var search = CustomerSearch(
            CustomerListQuery(text: text), text: text, fts: DashboardSQL.prefixQuery(text) ?? "", cap: 40,
            reference: false, limits: limits)
        try store.pool.read { try search.wholeSparseWords($0, counted: counted) }
        return (search.superset, search.prefixRows)
    }

    @Test func aLongWordStaysWholeOnlyWhenFewRowsShareItsPrefix() throws {
        let store = try CustomerSearchPlanTests.seededStore()
        let small = CustomerSearchLimits(sortUpTo: 300, narrows: true, wholeWordUpTo: 100)
        // "424": Customer 424, 4240-4249 and the like (a few dozen rows): "4242" streams whole.
        let rare = try Self.superset(store, "4242", limits: small)
        #expect(rare.query == #""4242"*"#)
        #expect((rare.counts["424"] ?? 0) > 0 && (rare.counts["424"] ?? 0) <= 100, "\(rare.counts)")
        // "exa": every "example.com" e-mail, counted to the limit and one more: "exam" is cut.
        let common = try Self.superset(store, "exam", limits: small)
        #expect(common.query == #""exa"*"#)
        #expect(common.counts["exa"] == 101)
        // Words of 3 characters or fewer are as typed; the long one beside them decides alone.
        #expect(try Self.superset(store, "org 4242", limits: small).query == #""org"* "4242"*"#)
        #expect(try Self.superset(store, "exam 12", limits: small).query == #""exa"* "12"*"#)
        // No long word: no superset (the reference count streams); the old plan always cuts.
        #expect(try Self.superset(store, "org 12", limits: small).query == nil)
        #expect(try Self.superset(store, "4242", limits: .walkOnly).query == #""424"*"#)
    }

    /// A prefix already counted at this store generation is not counted again: a count handed in decides
    /// (here one that says "few", against the store's thousands), and is handed on with the new ones.
    @Test func aPrefixCountedOnAnEarlierKeystrokeIsNotCountedAgain() throws {
        let store = try CustomerSearchPlanTests.seededStore()
        let small = CustomerSearchLimits(sortUpTo: 300, narrows: true, wholeWordUpTo: 100)
        let carried = try Self.superset(store, "examp 4242", limits: small, counted: ["exa": 3])
        #expect(carried.query == #""examp"* "4242"*"#)
        #expect(carried.counts["exa"] == 3 && carried.counts["424"] != nil, "\(carried.counts)")
        // Through the pane's reads: typing on in a word keeps its prefix's count in the matches handed on.
        let rows = CustomerRows(store: store, referenceSearch: false, searchLimits: small)
        let first = try rows.page(CustomerListQuery(text: "exam"), offset: 0, limit: 10, cap: 40, known: nil)
        #expect(first.matches.prefixRows["exa"] == 101)
        let next = try rows.page(
            CustomerListQuery(text: "examp"), offset: 0, limit: 10, cap: 40, known: nil, previous: first.matches)
        #expect(next.matches.prefixRows == first.matches.prefixRows)
        let blank = try rows.page(
            CustomerListQuery(text: ""), offset: 0, limit: 10, cap: 40, known: nil, previous: next.matches)
        #expect(blank.matches.prefixRows["exa"] == 101, "a cleared search keeps the counts for the next word")
    }
}
