import BillingCore
import BillingStore
import Foundation
import GRDB
import Testing

/// `PrefixMatcher` answers what the FTS5 index answers for ASCII records, and declines the rest.
struct PrefixMatcherTests {
    @Test func asciiWordsMatchTokenPrefixesCaseInsensitively() throws {
        let m = try #require(PrefixMatcher(query: "Jan ACM"))
        #expect(m.words == [Array("jan".utf8), Array("acm".utf8)])
        #expect(m.matches(["Jane", "Doe", "jane@acme.io", "", ""]) == true)
        #expect(m.matches(["Jane", "Doe", "jane@example.io", "", ""]) == false)
        // Tokens end at any ASCII non-alphanumeric: "x_acme" has the token "acme".
        #expect(m.matches(["Jane", "", "", "x_acme", ""]) == true)
        // A word must begin a token, not sit inside one.
        #expect(m.matches(["Jane", "", "", "xacme", ""]) == false)
        // Undecided only when a non-ASCII text could hold the missing word.
        #expect(m.matches(["Jane", "Acmé", "", "", ""]) == nil)
        #expect(m.matches(["Jane", "Acme", "Zoë", "", ""]) == true)
        #expect(PrefixMatcher(query: "josé") == nil)
        #expect(PrefixMatcher(query: " -- ") == nil)
    }

    /// A row's text columns, read as bytes, answer as the same texts as strings; a NULL column is empty.
    @Test func aRowsColumnsAnswerAsTheirTexts() throws {
        let m = try #require(PrefixMatcher(query: "Jan ACM"))
        let queue = try DatabaseQueue()
        let cases: [[String?]] = [
            ["Jane", "Doe", "jane@acme.io"], ["Jane", "Doe", "jane@example.io"], ["Jane", nil, "x_acme"],
            ["Jane", "Acmé", nil], ["Jane", "Acme", "Zoë"], [nil, nil, nil],
        ]
        for texts in cases {
            let row = try queue.read { db in
                try #require(try Row.fetchOne(db, sql: "SELECT 0, ?, ?, ?", arguments: StatementArguments(texts)))
            }
            #expect(try m.matches(row, columns: 1..<4) == m.matches(texts.map { $0 ?? "" }), "\(texts)")
        }
    }

    /// Random ASCII records and queries: the matcher and an FTS probe agree on every pair.
    @Test func agreesWithTheIndexOnRandomAsciiRecords() throws {
        let (store, source) = try StoreFixtures.openStore()
        defer { try? FileManager.default.removeItem(atPath: (store.path as NSString).deletingLastPathComponent) }
        var random = SplitMix64(seed: 42)
        let alphabet = Array("abcAB01 -_.@'x\u{1B}[")
        func text(_ n: Int) -> String {
            String(
                (0..<Int(random.next() % UInt64(n))).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
        }
        var page = PageWrite(sourceID: source.id, stream: "customers")
        var texts: [Int: [String]] = [:]
        for id in 1...300 {
            let t = [text(8), text(8), text(14), text(6), text(6)]
            texts[id] = t
            page.customers.append(
                Incoming(
                    value: Customer(
                        id: "\(id)", firstName: t[0], lastName: t[1], email: t[2], organization: t[3], reference: t[4]),
                    raw: "{}"))
        }
        try store.apply(page)
        let ids = try store.pool.read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, remote_id FROM customer").map {
                    (Int(($0["remote_id"] as String))!, $0["id"] as Int64)
                })
        }
        var checked = 0
        for _ in 0..<60 {
            let query = [text(4), text(3)].joined(separator: " ")
            guard let matcher = PrefixMatcher(query: query) else { continue }
            let fts = matcher.words.map { "\"\(String(decoding: $0, as: UTF8.self))\"*" }.joined(separator: " ")
            let hits = Set(
                try store.pool.read { db in
                    try Int64.fetchAll(
                        db, sql: "SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?", arguments: [fts])
                })
            for (id, t) in texts {
                #expect(matcher.matches(t) == hits.contains(ids[id]!), "query '\(query)' on \(t)")
                checked += 1
            }
        }
        #expect(checked > 5_000)
    }

    @Test func theIndexPrefixQueryCutsEveryWordToThreeCharacters() throws {
        #expect(try #require(PrefixMatcher(query: "Custom 5 ab")).indexPrefixQuery == "\"cus\"* \"5\"* \"ab\"*")
        #expect(try #require(PrefixMatcher(query: "cus 5")).indexPrefixQuery == nil, "no word longer than the index")
    }
}
