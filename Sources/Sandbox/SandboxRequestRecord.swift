/// One request as the sandbox saw it, for tests that assert on timing ("nothing was sent for 3 s")
/// and on what was asked (which window a restarted listing used).
public struct SandboxRequestRecord: Sendable, Hashable {
    /// 1 for the first request after the current fault plan took effect.
    public var number: Int
    /// The path without the query.
    public var path: String
    /// The decoded query pairs as `key=value`, in order.
    public var query: [String]
    /// When the request arrived, in seconds since 1970 (wall clock).
    public var arrivedAt: Double
    /// The status answered.
    public var status: Int
    /// The HTTP method ("GET", "POST", "PUT", "DELETE").
    public var method = "GET"

    /// The first value of a query parameter.
    public func parameter(_ name: String) -> String? {
        query.first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) }
    }
}
