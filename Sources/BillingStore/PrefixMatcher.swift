import Foundation
import GRDB

/// Type-ahead words tested against a record's texts the way the FTS5 search index would test them, without
/// asking the index: for a walk over thousands of rows in another order, where one FTS probe per row costs
/// tens of microseconds and this costs about one.
///
/// It is exact only for ASCII: FTS5's `unicode61` tokenizer makes tokens of the runs of `[0-9A-Za-z]`
/// (everything else in ASCII separates them) and folds `A-Z` to `a-z`; `remove_diacritics` and the Unicode
/// category tables only matter above ASCII. So a query with a non-ASCII word has no matcher, and `matches`
/// answers nil for a record with any non-ASCII text: ask the index for those.
public struct PrefixMatcher: Sendable, Equatable {
    /// The query's words, lowercased ASCII: a record matches when every word begins some token of its texts.
    public let words: [[UInt8]]

    /// The matcher for a type-ahead text split as `prefixQuery` splits it (`SearchWords`: the first 16
    /// words); nil when no word remains or any word is not ASCII.
    public init?(query: String) {
        let split = SearchWords.split(query)
        guard !split.isEmpty else { return nil }
        var words: [[UInt8]] = []
        for word in split {
            var bytes: [UInt8] = []
            for byte in word.utf8 {
                guard byte < 0x80 else { return nil }
                bytes.append(Self.lower(byte))
            }
            words.append(bytes)
        }
        self.words = words
    }

    /// The longest word, in characters (ASCII: bytes).
    public var longestWord: Int { words.map(\.count).max() ?? 0 }

    /// The FTS5 query with every word cut to the prefix index's 3 characters (a superset of the matches that
    /// streams instead of merging doclists); nil when no word is longer than that.
    public var indexPrefixQuery: String? {
        guard longestWord > 3 else { return nil }
        return words.map { "\"\(String(decoding: $0.prefix(3), as: UTF8.self))\"*" }.joined(separator: " ")
    }

    /// Whether every word begins a token of `texts`; nil when that depends on a text that is not ASCII (ask
    /// the index). Texts are tokenized separately (a separator between them changes nothing).
    public func matches(_ texts: [String]) -> Bool? {
        var found = Array(repeating: false, count: words.count)
        var remaining = words.count
        var unsure = false
        for text in texts {
            var text = text
            // Tokens of an ASCII text do not depend on the other texts, so words found there stay found.
            if !text.withUTF8({ scan($0, &found, &remaining) }) { unsure = true }
            if remaining == 0 { return true }
        }
        return unsure ? nil : false
    }

    /// `matches` over the text columns `columns` of a row, read as the row holds them: a walk tests thousands of
    /// rows, and making a string of each text cost more than the test (a NULL column is an empty text).
    public func matches(_ row: Row, columns: Range<Int>) throws -> Bool? {
        var found = Array(repeating: false, count: words.count)
        var remaining = words.count
        var unsure = false
        for column in columns {
            let done = try row.withUnsafeData(atIndex: column) { data -> Bool in
                guard let data else { return false }
                return data.withUnsafeBytes { raw in
                    if !scan(raw.bindMemory(to: UInt8.self), &found, &remaining) { unsure = true }
                    return remaining == 0
                }
            }
            if done { return true }
        }
        return unsure ? nil : false
    }

    /// Marks the words that begin a token of `bytes`; false (and nothing marked) when `bytes` is not ASCII.
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ found: inout [Bool], _ remaining: inout Int) -> Bool {
        for byte in bytes where byte >= 0x80 { return false }
        var i = 0
        let n = bytes.count
        while i < n {
            guard Self.isTokenByte(bytes[i]) else {
                i += 1
                continue
            }
            let start = i
            while i < n && Self.isTokenByte(bytes[i]) { i += 1 }
            for w in words.indices where !found[w] && words[w].count <= i - start {
                var same = true
                for k in words[w].indices where Self.lower(bytes[start + k]) != words[w][k] {
                    same = false
                    break
                }
                if same {
                    found[w] = true
                    remaining -= 1
                }
            }
            if remaining == 0 { return true }
        }
        return true
    }

    static func isTokenByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }
}
