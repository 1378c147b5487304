import BillingCore
import Foundation

/// One `POST /contacts/search` body: paging (`page`/`pageLimit`, or `searchAfter` past 10,000 records), a text
/// `query`, `filters` on `dateUpdated`/`dateAdded` (range) and `tags`, and `sort` by `dateUpdated` or
/// `dateAdded`. Anything else is refused with the message GHL would give, so a client's mistake shows.
struct GHLSearch {
    var pageLimit = 20
    var page = 1
    var query = ""
    /// Sort field ("" = by id) and direction.
    var sortField = ""
    var ascending = true
    var after: (Int64, String)?
    /// Range filters: field -> (lower ms, lower inclusive, upper ms, upper inclusive).
    var ranges: [(field: String, lower: Int64?, lowerInclusive: Bool, upper: Int64?, upperInclusive: Bool)] = []
    var tags: [String] = []

    /// Why a search body is refused (GHL's 422 message).
    struct Refusal: Error {
        var message: String
    }

    static func refused(_ message: String) -> Result<GHLSearch, Refusal> { .failure(Refusal(message: message)) }

    /// GHL answers pages past this many records only through `searchAfter`.
    static let pageWindow = 10_000

    static func parse(_ object: [String: Any]) -> Result<GHLSearch, Refusal> {
        var search = GHLSearch()
        search.pageLimit = min(500, max(1, object["pageLimit"] as? Int ?? 20))
        search.page = max(1, object["page"] as? Int ?? 1)
        search.query = (object["query"] as? String)?.lowercased() ?? ""
        if let sort = (object["sort"] as? [[String: Any]])?.first {
            let field = sort["field"] as? String ?? ""
            guard field == "dateUpdated" || field == "dateAdded" else {
                return refused("sort field \(field) is not supported")
            }
            search.sortField = field
            search.ascending = (sort["direction"] as? String ?? "asc").lowercased() != "desc"
        }
        if let cursor = object["searchAfter"] as? [Any] {
            guard cursor.count == 2, let id = cursor[1] as? String, let value = millis(cursor[0]) else {
                return refused("searchAfter must be [sortValue, id] from the previous page's last contact")
            }
            search.after = (value, id)
        }
        for filter in object["filters"] as? [[String: Any]] ?? [] {
            let field = filter["field"] as? String ?? ""
            let op = (filter["operator"] as? String ?? "").lowercased()
            switch (field, op) {
            case ("dateUpdated", _), ("dateAdded", _):
                var bounds: [String: Any] = [:]
                if op == "range" {
                    bounds = filter["value"] as? [String: Any] ?? [:]
                } else {
                    bounds[op] = filter["value"]
                }
                let lower = bounds["gt"].flatMap(millis) ?? bounds["gte"].flatMap(millis)
                let upper = bounds["lt"].flatMap(millis) ?? bounds["lte"].flatMap(millis)
                guard lower != nil || upper != nil else { return refused("filter \(field) needs gt, gte, lt or lte") }
                search.ranges.append((field, lower, bounds["gt"] == nil, upper, bounds["lt"] == nil))
            case ("tags", "contains"), ("tags", "eq"):
                if let tag = filter["value"] as? String { search.tags.append(tag.lowercased()) }
                if let list = filter["value"] as? [String] { search.tags += list.map { $0.lowercased() } }
            default:
                return refused("filter \(field) \(op) is not supported")
            }
        }
        if search.after == nil, search.page * search.pageLimit > pageWindow {
            return refused("page and pageLimit reach past \(pageWindow) records; use searchAfter")
        }
        return .success(search)
    }

    /// The page and the total number of matches.
    func run(_ contacts: [GHLContact]) -> (page: [GHLContact], total: Int) {
        var matches = contacts.filter { contact in
            (query.isEmpty || SandboxServer.contactMatches(contact, query))
                && tags.allSatisfy { tag in contact.tags.contains { $0.lowercased() == tag } }
                && ranges.allSatisfy { range in
                    let value = (range.field == "dateAdded" ? contact.dateAdded : contact.dateUpdated) * 1000
                    if let lower = range.lower, range.lowerInclusive ? value < lower : value <= lower { return false }
                    if let upper = range.upper, range.upperInclusive ? value > upper : value >= upper { return false }
                    return true
                }
        }
        let total = matches.count
        matches.sort { a, b in
            let (ka, kb) = (key(a), key(b))
            return ascending ? ka < kb : ka > kb
        }
        if let after {
            let start = matches.firstIndex { ascending ? key($0) > after : key($0) < after } ?? matches.count
            return (Array(matches[start...].prefix(pageLimit)), total)
        }
        let from = min(matches.count, (page - 1) * pageLimit)
        return (Array(matches[from..<min(matches.count, from + pageLimit)]), total)
    }

    /// A contact's place in the order: the sort value in milliseconds (0 without a sort), then its id.
    func key(_ contact: GHLContact) -> (Int64, String) {
        switch sortField {
        case "dateUpdated": (contact.dateUpdated * 1000, contact.id)
        case "dateAdded": (contact.dateAdded * 1000, contact.id)
        default: (0, contact.id)
        }
    }

    /// Milliseconds from a number of milliseconds or an ISO-8601 time.
    static func millis(_ value: Any) -> Int64? {
        if let number = value as? Int64 { return number }
        if let number = value as? Int { return Int64(number) }
        if let number = value as? Double, number.isFinite { return Int64(number) }
        guard let text = value as? String else { return nil }
        if let number = Int64(text) { return number }
        return Timestamp(iso: text).map { $0.secondsSinceEpoch * 1000 }
    }
}
