/// A response before it becomes HTTP: status, headers and body bytes.
struct SandboxResponse: Sendable, Error {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response.
    static func json(_ status: Int, _ writer: JSONWriter) -> SandboxResponse {
        SandboxResponse(
            status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: writer.bytes)
    }

    /// A JSON response from literal text.
    static func json(_ status: Int, text: String) -> SandboxResponse {
        SandboxResponse(
            status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: Array(text.utf8))
    }

    /// Chargify's error body: `{"errors": [...]}`.
    static func chargifyErrors(_ status: Int, _ messages: [String]) -> SandboxResponse {
        var w = JSONWriter()
        w.object { w in w.array("errors") { w in for message in messages { w.element(message) } } }
        return json(status, w)
    }

    var isSuccess: Bool { (200..<300).contains(status) }
}
