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
        raw.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            return (key, value)
        }
    }

    static func decode(_ text: Substring) -> String {
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(0x20)
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: return byte - 48
        case 65...70: return byte - 55
        case 97...102: return byte - 87
        default: return nil
        }
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
