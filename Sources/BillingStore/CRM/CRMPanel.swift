import BillingCore

/// What the customer screen's CRM panel shows for one customer: its link and, when linked, the contact with
/// its owner, open tasks (soonest due first) and latest notes (newest first).
public struct CRMPanel: Sendable, Hashable {
    public var link: CRMLink
    public var contact: CRMContact?
    /// The owner's name ("" when the contact has no owner or the user is unknown).
    public var ownerName: String
    public var openTasks: [CRMTask]
    public var latestNotes: [CRMNote]
    /// The newest of the contact's update, notes and tasks' due dates passed (ms); nil when nothing is known.
    public var lastActivity: Int64?

    public init(
        link: CRMLink, contact: CRMContact?, ownerName: String, openTasks: [CRMTask], latestNotes: [CRMNote],
        lastActivity: Int64?
    ) {
        self.link = link
        self.contact = contact
        self.ownerName = ownerName
        self.openTasks = openTasks
        self.latestNotes = latestNotes
        self.lastActivity = lastActivity
    }
}
