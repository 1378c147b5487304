/// A failure of what the command tried to do (no store, unknown customer, missing key), as opposed to a
/// wrong argument. ArgumentParser prints it as one `Error: ...` line; a `ValidationError` would add the usage.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) { description = message }
}
