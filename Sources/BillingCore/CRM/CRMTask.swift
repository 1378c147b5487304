/// A task on a CRM contact (a follow-up for its owner).
public struct CRMTask: Sendable, Hashable {
    public var id: String
    public var contactID: String
    public var title: String
    public var body: String
    /// When it is due, milliseconds since 1970; nil when it has no due date.
    public var dueDate: Int64?
    public var completed: Bool
    /// The CRM user it is assigned to ("" when none).
    public var assignedTo: String

    public init(
        id: String, contactID: String, title: String, body: String = "", dueDate: Int64?, completed: Bool = false,
        assignedTo: String = ""
    ) {
        self.id = id
        self.contactID = contactID
        self.title = title
        self.body = body
        self.dueDate = dueDate
        self.completed = completed
        self.assignedTo = assignedTo
    }

    /// Open and past its due date at `nowMilliseconds`.
    public func isOverdue(nowMilliseconds: Int64) -> Bool {
        guard !completed, let dueDate else { return false }
        return dueDate < nowMilliseconds
    }
}
