/// Where a broad type-ahead window stops walking the sort index and sorts every match instead
/// (`CustomerSearch.windowIDs`), and whether a keystroke narrows the last one's matches: tests shrink or
/// raise them to reach every plan on a small store, and the benchmark compares with the plan before issue 22.
package struct CustomerSearchLimits: Sendable {
    /// FTS candidates (the streaming query's rows, a superset of the matches) up to which a broad window sorts
    /// every match rather than walking the index to them. At 100k customers, `sqlite3` on a copy (issue 22):
    /// sorting the 11,111 matches of "c9" costs 4.3 ms of CPU, walking the name index to the first of them
    /// (88,889 rows) 16.8 ms, sorting all 100k matches of "c" 35 ms; counting 20,000 candidates about 1 ms.
    package var sortUpTo: Int
    /// Whether a text that extends the last one searched tests only that one's matches, when all are known.
    package var narrows: Bool
    /// Also sort every match when the candidates are at most the listed customers divided by this (nil: only
    /// `sortUpTo`). The fixed `sortUpTo` was set at 100k customers, where a walk passes at most 80,000 rows. At 1M
    /// (`sqlite3` on the prepared copy, issue 22 point 4) the walk to "c8"'s 111,111 matches passed ~780,000 rows
    /// (150-260 ms) where sorting them all took 21 ms; but "2"'s 210,016, whose matches begin early in the order,
    /// walk in 40-50 ms and sort in over 100. An eighth of the customers keeps the first and walks the second.
    package var sortShare: Int?
    /// Rows an unrestricted walk may test before it gives up for the plans below it (`rowBudget`;
    /// tests lower it to reach those plans on a small store).
    package var walkBudget: Int
    /// Whether a broad window by name walks only the customers listed under a word's initial
    /// (`dash_customer_initial`) rather than every customer in the name index.
    package var walksInitials: Bool
    /// The least rows a counting pass (or a narrowing) tests before it gives up (`countBudget`).
    package var countFloor: Int
    /// A counting pass may also test the listed customers divided by this (nil: only `countFloor`).
    package var countShare: Int?

    /// A word longer than the prefix index streams whole (its prefix's doclists merged) rather than cut to 3
    /// characters when at most this many rows have a token beginning with its first 3 (0: always cut).
    package var wholeWordUpTo: Int

    package init(
        sortUpTo: Int, narrows: Bool, sortShare: Int? = nil, walkBudget: Int = rowBudget, walksInitials: Bool = true,
        countFloor: Int = rowBudget, countShare: Int? = nil, wholeWordUpTo: Int = 0
    ) {
        self.sortUpTo = sortUpTo
        self.narrows = narrows
        self.sortShare = sortShare
        self.walkBudget = walkBudget
        self.walksInitials = walksInitials
        self.countFloor = countFloor
        self.countShare = countShare
        self.wholeWordUpTo = wholeWordUpTo
    }

    /// The most FTS candidates a broad window sorts rather than walks to, among `rows` listed customers.
    package func sortLimit(rows: Int) -> Int {
        max(sortUpTo, sortShare.map { rows / max(1, $0) } ?? 0)
    }

    /// Rows a counting pass or a walk tests with the matcher before it gives up (about a microsecond each).
    package static let rowBudget = 4_000

    /// Rows a counting pass (or a narrowing) tests before it gives up, among `rows` listed customers: the
    /// streamed superset is the rows sharing each word's first 3 characters, which grows with the store, and
    /// giving up costs the reference count, whose word longer than 3 characters merges that word's whole doclist.
    /// At 1M customers (issue 22 point 4) "c918179@examp" streamed 11,111 rows of `"c91"* "exa"*` for one
    /// match, gave up at 4,000 and counted `"examp"*` (the 1M customers' "example") in 100 ms, on every key after
    /// it; with a 64th of the customers it keeps the match and the next keys narrow it. At 100k it stays 4,000.
    package func countBudget(rows: Int) -> Int { max(countFloor, countShare.map { rows / max(1, $0) } ?? 0) }

    /// At 1M customers (issue 22 point 4) an e-mail's "c918" cut to `"c91"*` streamed 11,111 rows with their
    /// customer rows, about 3 µs each (25 ms a key), where `"c918"*` merges its 1,111 one-row doclists in 0.3 ms
    /// (`sqlite3` on the bench store, warm). A word's terms and postings are at most its 3-character prefix's
    /// rows, so 16,000 of those (every "cNNN" prefix of the 1M store's e-mails has 11,111) bound the merge near
    /// 4 ms (0.27 µs a term, 0.06 µs a posting: "examp"*, 1M postings, 56 ms); counting them, streamed from the
    /// prefix index at about 0.1 µs a row, costs under 2 ms once per prefix while typing.
    package static let standard = CustomerSearchLimits(
        sortUpTo: 20_000, narrows: true, sortShare: 8, countShare: 64, wholeWordUpTo: 16_000)
    /// The plan before issue 22 point 3: walk to rare matches, count every keystroke afresh.
    package static let walkOnly = CustomerSearchLimits(sortUpTo: 0, narrows: false, walksInitials: false)
}
