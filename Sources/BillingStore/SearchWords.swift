/// The words of a type-ahead search, as every search path splits them: runs of letters and digits, at most
/// `limit` of them. A real search names a few words; bounding them keeps every path's work (the FTS5 query,
/// `PrefixMatcher`'s comparisons) proportional to the text's length, however much is pasted or typed.
public enum SearchWords {
    /// Words a search uses; the ones after are ignored (`billtop customers` says so).
    public static let limit = 16

    /// The first `limit` words of `text`, splitting it only as far as needed.
    public static func split(_ text: String) -> [Substring] {
        text.split(maxSplits: limit, omittingEmptySubsequences: true) { !($0.isLetter || $0.isNumber) }.prefix(limit)
            .map { $0 }
    }

    /// Every word of `text` (to say how many a search ignored).
    public static func count(_ text: String) -> Int {
        text.split { !($0.isLetter || $0.isNumber) }.count
    }
}
