/// Pages through a sorted record array: unfiltered listings are pure index arithmetic, filtered ones
/// scan once per (filters, company version) and are then sliced from the cache.
struct ListingEngine {
    let cache: ListingCache
    let version: Int

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
            if let sortKey {
                matches.sort { (sortKey($0), $0) < (sortKey($1), $1) }
            }
            return matches
        }
        let range = paging.range(count: positions.count)
        return descending ? range.map { positions[positions.count - 1 - $0] } : range.map { positions[$0] }
    }
}
