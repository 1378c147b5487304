/// Pages through a sorted record array: unfiltered listings are pure index arithmetic, filtered ones
/// scan once per (filters, company version) and are then sliced from the cache. Records are written
/// from `records` (their cached JSON) when the server keeps one.
struct ListingEngine {
    let cache: ListingCache
    let version: Int
    var records: EncodedRecordCache? = nil

    /// The positions (into the record array) of one page.
    func page(resource: String, request: SandboxRequest, count: Int, paging: Paging, descending: Bool,
              match: ((Int) -> Bool)?, sortKey: ((Int) -> Int64)?) -> [Int] {
        if match == nil && sortKey == nil {
            let range = paging.range(count: count)
            return descending ? range.map { count - 1 - $0 } : Array(range)
        }
        let key = "\(resource)|\(version)|" + request.filterKey(excluding: ["page", "per_page", "direction", "line_items", "payments", "next_cursor", "limit"])
        let positions = cache.positions(key: key) {
            var matches: [Int] = []
            for index in 0..<count where match?(index) ?? true { matches.append(index) }
            guard let sortKey else { return matches }
            // Read each key once, then sort plain pairs: (key, position) is also the tie-break order.
            var keyed = matches.map { (sortKey($0), $0) }
            keyed.sort { $0 < $1 }
            return keyed.map(\.1)
        }
        let range = paging.range(count: positions.count)
        return descending ? range.map { positions[positions.count - 1 - $0] } : range.map { positions[$0] }
    }

    /// Writes the record at `position` as the next element of `w`: its cached JSON while `source` is
    /// unchanged, else what `encode` writes (then cached).
    func element(_ shape: EncodedRecordCache.Shape, at position: Int, source: @autoclosure () -> EncodedRecordCache.Source,
                 into w: inout JSONWriter, encode: (inout JSONWriter) -> Void) {
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
