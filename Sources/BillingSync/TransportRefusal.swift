/// A response the transport stopped on purpose: retrying it would only repeat it.
public enum TransportRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// A redirect away from the origin the key belongs to (or too many redirects): a configuration
    /// problem, like a rejected key; the message names both URLs.
    case redirect(String)
    /// The body went over the request's cap (`ResponseLimit`); the server's fault.
    case tooLarge(String)

    public var description: String {
        switch self {
        case .redirect(let message), .tooLarge(let message): message
        }
    }
}
