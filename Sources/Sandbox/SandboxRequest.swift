import BillingCore

/// A request as the sandbox's routes see it: method, path, decoded query and the few headers that matter.
struct SandboxRequest: Sendable {
    var method: String
    var path: String
    /// Query pairs in order, keys and values percent-decoded ('+' is a space).
    var query: [(String, String)]
    var authorization: String?
    var version: String?
    var idempotencyKey: String?
    var body: [UInt8]

    init(
        method: String, path: String, rawQuery: String?, authorization: String? = nil, version: String? = nil,
        idempotencyKey: String? = nil, body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = rawQuery.map(Self.parseQuery) ?? []
        self.authorization = authorization
        self.version = version
        self.idempotencyKey = idempotencyKey
        self.body = body
    }

    /// The first value of a query parameter.
    subscript(_ name: String) -> String? { query.first { $0.0 == name }?.1 }

    /// Every value of a repeated parameter, also accepting the `name[]=` spelling and comma lists.
    func values(_ name: String) -> [String] {
        query.filter { $0.0 == name || $0.0 == name + "[]" }
            .flatMap { $0.1.split(separator: ",").map { String($0).trimmed } }
            .filter { !$0.isEmpty }
    }

    /// The query string as a canonical key, without the paging parameters (for listing caches).
    func filterKey(excluding: Set<String>) -> String {
        query.filter { !excluding.contains($0.0) }.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    static func parseQuery(_ raw: String) -> [(String, String)] {
        FormURLEncoded.parse(Array(raw.utf8)).map { ($0.name, $0.value) }
    }
}

extension String {
    var trimmed: String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars = scalars.dropFirst() }
        while scalars.last == " " { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
