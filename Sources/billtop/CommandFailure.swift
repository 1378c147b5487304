/// A failure of what the command tried to do (no store, unknown customer, missing key), as opposed to a
/// wrong argument. `Billtop.main` prints it as one `Error: ...` line and exits with `status`; a
/// `ValidationError` would add the usage.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    /// What the process exits with (`ExitStatus`); `failure` (1) when no more precise cause applies.
    let status: ExitStatus

    init(_ message: String, status: ExitStatus = .failure) {
        description = message
        self.status = status
    }
}
