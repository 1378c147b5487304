import BillingCore
import BillingStore
import Foundation
import Testing

/// A search uses its first `SearchWords.limit` words, so its work is bounded however many are given.
struct SearchWordsTests {
    @Test func theWordsAfterTheLimitAreIgnoredByEverySearchPath() throws {
        let (store, source) = try StoreFixtures.openStore()
        defer { try? FileManager.default.removeItem(atPath: (store.path as NSString).deletingLastPathComponent) }
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "customers",
                customers: [StoreFixtures.customer(1, first: "Jane", last: "Doe", email: "jane@acme.io", org: "Acme")]))
        // Sixteen words that find Jane (short and long, so both the index and the matcher path run), then
        // thousands that match nobody: with every word counted, nobody would be found.
        let found = Array(repeating: "jan", count: 8) + Array(repeating: "acme", count: 8)
        let query = (found + (0..<8_000).map { "zz\($0)" }).joined(separator: " ")
        #expect(SearchWords.split(query).count == SearchWords.limit)
        #expect(SearchWords.count(query) == 8_016)
        let matcher = try #require(PrefixMatcher(query: query))
        #expect(matcher.words.count == SearchWords.limit)
        #expect(try store.searchCustomers(query: query).map(\.value.id) == ["1"])
        // The 17th word is the first ignored one; the 16th still counts.
        #expect(try store.searchCustomers(query: (Array(found.prefix(15)) + ["zz"]).joined(separator: " ")).isEmpty)
        #expect(SearchWords.split(" ,, a  b ").map(String.init) == ["a", "b"])
    }
}
