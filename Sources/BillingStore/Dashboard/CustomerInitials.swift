/// The first characters of a customer's words: the lists `dash_customer_initial` keeps in the customers pane's
/// name order, so a broad type-ahead window walks only the customers who can match a word (all those with a
/// word beginning with its first character) instead of every customer.
///
/// The rule must give a superset of what the search index matches. For ASCII texts it is exact: FTS5's
/// `unicode61` tokens of an ASCII text are its runs of `[0-9A-Za-z]`, folded to lower case (as `PrefixMatcher`
/// reads them), so a word can only begin a token whose first character is the word's. Above ASCII the
/// tokenizer folds accents and splits by Unicode categories, which this does not repeat: a customer with any
/// non-ASCII text is listed under `unsure` alone, which every walk reads too, and the walk's test decides.
enum CustomerInitials {
    /// The list of customers whose initials are not decided here (a non-ASCII text).
    static let unsure = "*"

    /// The initials of `texts` (the searched columns and the customer's id): one-character strings, sorted,
    /// or `[unsure]` alone.
    static func of(_ texts: [String?]) -> [String] {
        var seen = [Bool](repeating: false, count: 128)
        for case let text? in texts {
            var atStart = true
            for byte in text.utf8 {
                guard byte < 0x80 else { return [unsure] }
                let token = isTokenByte(byte)
                if token && atStart { seen[Int(lower(byte))] = true }
                atStart = !token
            }
        }
        return seen.indices.filter { seen[$0] }.map { String(UnicodeScalar(UInt8($0))) }
    }

    /// The initial a query word's customers are listed under (words are lower-case ASCII letters and digits).
    static func of(word: [UInt8]) -> String? {
        guard let first = word.first, isTokenByte(first) else { return nil }
        return String(UnicodeScalar(lower(first)))
    }

    static func isTokenByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }
}
