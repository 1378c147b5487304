/// A task on a GHL contact.
public struct GHLTask: Sendable, Equatable {
    public var id: String
    public var title: String
    public var body: String
    /// Seconds since 1970 (world clock).
    public var dueDate: Int64
    public var completed: Bool
    public var assignedTo: String
    public var dateUpdated: Int64
}
