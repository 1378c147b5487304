/// Why the world would not do a write: the status and Chargify's `{"errors": [...]}` messages.
struct ActionRefusal: Error, Sendable {
    var status: Int
    var messages: [String]

    init(_ status: Int, _ messages: String...) {
        self.status = status
        self.messages = messages
    }

    init(_ status: Int, messages: [String]) {
        self.status = status
        self.messages = messages
    }

    static let notFound = ActionRefusal(404, "Not Found")
    static let tokenReused = ActionRefusal(
        409, "A request with this uniqueness_token was already made in the last 60 minutes.")

    var response: SandboxResponse { .chargifyErrors(status, messages) }
}
