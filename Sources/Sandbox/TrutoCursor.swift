import Foundation

/// Truto's opaque `next_cursor`: it wraps the provider's page number, the page size, the filters and
/// when it was issued (so the sandbox can expire it). Clients must never parse it.
struct TrutoCursor: Equatable {
    var page: Int
    var limit: Int
    var issuedAt: Int64
    var filters: String

    var encoded: String {
        let text = "c1|\(page)|\(limit)|\(issuedAt)|\(filters)"
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init(page: Int, limit: Int, issuedAt: Int64, filters: String) {
        self.page = page
        self.limit = limit
        self.issuedAt = issuedAt
        self.filters = filters
    }

    init?(encoded: String) {
        var base = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base.count % 4 != 0 { base += "=" }
        guard let data = Data(base64Encoded: base), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: "|", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "c1", let page = Int(parts[1]), let limit = Int(parts[2]),
            let issued = Int64(parts[3]), page >= 1, limit >= 1
        else { return nil }
        self.init(page: page, limit: limit, issuedAt: issued, filters: String(parts[4]))
    }
}
