/// Pages through a sorted record array: unfiltered listings are pure index arithmetic, filtered ones
/// scan once per (filters, company version) and are then sliced from the cache. Records are written
/// from `records` (their cached JSON) when the server keeps one.
struct ListingEngine {
    let cache: ListingCache
    let version: Int
    var records: EncodedRecordCache? = nil

    /// Query parameters that never change which records a filtered listing holds: paging, output
    /// shape, and the id bounds (`since_id`, `max_id`), which reach `page` as `within` instead. Keeping
    /// the bounds out of the key matters: a client paging events by `since_id` sends a new bound on
    /// every page, and with the bound in the key every page rescanned (and cached) the whole listing.
    static let unfilteringParameters: Set<String> = [
        "page", "per_page", "direction", "line_items", "payments", "next_cursor", "limit", "since_id", "max_id",
    ]

    /// The positions (into the record array) of one page. `within` limits the listing to a range of
    /// positions (id bounds, found by binary search in the id-sorted array); nil is the whole array.
    func page(
        resource: String, request: SandboxRequest, count: Int, paging: Paging, descending: Bool,
        within: Range<Int>? = nil, match: ((Int) -> Bool)?, sortKey: ((Int) -> Int64)?
    ) -> [Int] {
        let bounds = within?.clamped(to: 0..<count) ?? 0..<count
        if match == nil && sortKey == nil {
            let range = paging.range(count: bounds.count)
            return descending ? range.map { bounds.upperBound - 1 - $0 } : range.map { bounds.lowerBound + $0 }
        }
        let key = "\(resource)|\(version)|" + request.filterKey(excluding: Self.unfilteringParameters)
        let positions = cache.positions(key: key) {
            var matches: [Int] = []
            for index in 0..<count where match?(index) ?? true { matches.append(index) }
            guard let sortKey else { return matches }
            // Read each key once, then sort plain pairs: (key, position) is also the tie-break order.
            var keyed = matches.map { (sortKey($0), $0) }
            keyed.sort { $0 < $1 }
            return keyed.map(\.1)
        }
        let listed = Self.restrict(positions, to: bounds, count: count, sorted: sortKey == nil)
        let range = paging.range(count: listed.count)
        return descending
            ? range.map { listed[listed.endIndex - 1 - $0] } : range.map { listed[listed.startIndex + $0] }
    }

    /// The cached positions that fall in `bounds`: a binary-searched slice when they are in position
    /// order (no sort key), else a filter (a sorted listing with id bounds, which no client sends).
    static func restrict(_ positions: [Int], to bounds: Range<Int>, count: Int, sorted: Bool) -> ArraySlice<Int> {
        if bounds == 0..<count { return positions[...] }
        guard sorted else { return positions.filter { bounds.contains($0) }[...] }
        let lower = Company.lowerBound(positions.count, bounds.lowerBound) { positions[$0] }
        let upper = Company.lowerBound(positions.count, bounds.upperBound) { positions[$0] }
        return positions[lower..<max(lower, upper)]
    }

    /// Writes the record at `position` as the next element of `w`: its cached JSON while `source` is
    /// unchanged, else what `encode` writes (then cached).
    func element(
        _ shape: EncodedRecordCache.Shape, at position: Int, source: @autoclosure () -> EncodedRecordCache.Source,
        into w: inout JSONWriter, encode: (inout JSONWriter) -> Void
    ) {
        guard let records else { return encode(&w) }
        let key = EncodedRecordCache.Key(shape: shape, position: position)
        let current = source()
        switch records.lookup(key, source: current) {
        case .hit(let json): w.rawElement(json)
        case .miss(store: true): records.store(key, source: current, json: w.capturedElement(encode))
        case .miss(store: false): encode(&w)
        }
    }
}
