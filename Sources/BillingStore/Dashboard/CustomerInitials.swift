/// The initials of a customer's words, each word's first character and its first two: the lists
/// `dash_customer_initial` keeps in the customers pane's name order, so a broad type-ahead window walks only the
/// customers who can match a word (all those with a word beginning as it does) instead of every customer.
///
/// Two characters, not one: at 100k customers "org 88" walked the 20,000 customers with a word beginning "8"
/// to reach "Org 88"'s, about 10,000 rows in; the list "88" begins with them. One character alone serves a
/// word of one.
///
/// The rule must give a superset of what the search index matches. For ASCII texts it is exact: FTS5's
/// `unicode61` tokens of an ASCII text are its runs of `[0-9A-Za-z]`, folded to lower case (as `PrefixMatcher`
/// reads them), so a word can only begin a token that begins as it does. Above ASCII the tokenizer folds
/// accents and splits by Unicode categories, which this does not repeat: a customer with any non-ASCII text is
/// listed under `unsure` alone, which every walk reads too, and the walk's test decides.
enum CustomerInitials {
    /// The list of customers whose initials are not decided here (a non-ASCII text).
    static let unsure = "*"

    /// The initials of `texts` (the searched columns and the customer's id), sorted, or `[unsure]` alone.
    static func of(_ texts: [String?]) -> [String] {
        // A customer has a dozen initials or so: a small array of codes (first byte, second or 0) beats a set
        // of arrays, which the store's upgrade computes for every customer.
        var codes: [UInt16] = []
        func note(_ code: UInt16) { if !codes.contains(code) { codes.append(code) } }
        for case let text? in texts {
            var first: UInt8 = 0  // a token's first byte, while its second is to come
            var atStart = true
            for byte in text.utf8 {
                guard byte < 0x80 else { return [unsure] }
                let token = PrefixMatcher.isTokenByte(byte)
                if token && atStart {
                    first = PrefixMatcher.lower(byte)
                    note(UInt16(first) << 8)
                } else if token && first != 0 {
                    note(UInt16(first) << 8 | UInt16(PrefixMatcher.lower(byte)))
                    first = 0
                } else if !token {
                    first = 0
                }
                atStart = !token
            }
        }
        return codes.sorted().map { code in
            let bytes = code & 0xFF == 0 ? [UInt8(code >> 8)] : [UInt8(code >> 8), UInt8(code & 0xFF)]
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The list a query word's customers are in: its first two characters, or its one (words are ASCII
    /// letters and digits); nil for an empty word.
    static func of(word: [UInt8]) -> String? {
        guard !word.isEmpty, word.prefix(2).allSatisfy(PrefixMatcher.isTokenByte) else { return nil }
        return String(decoding: word.prefix(2).map(PrefixMatcher.lower), as: UTF8.self)
    }
}
