/// Why the sandbox could not start.
public enum SandboxError: Error, CustomStringConvertible {
    case couldNotBind(String)

    public var description: String {
        switch self {
        case .couldNotBind(let address): "could not listen on \(address): pick another --port (0 picks a free one)"
        }
    }
}
