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

    package init(sortUpTo: Int, narrows: Bool) {
        self.sortUpTo = sortUpTo
        self.narrows = narrows
    }

    package static let standard = CustomerSearchLimits(sortUpTo: 20_000, narrows: true)
    /// The plan before issue 22 point 3: walk to rare matches, count every keystroke afresh.
    package static let walkOnly = CustomerSearchLimits(sortUpTo: 0, narrows: false)
}
