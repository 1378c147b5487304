import BillingCore

/// One table's rows written after a viewer's copy last read it (`PostgresStore.changedRows`), decoded as the
/// fetcher hands records to a store, with where the next read continues.
public struct ChangedRows: Sendable {
    /// Where the next read of the same table continues: the last row's change number and id.
    public struct Cursor: Sendable, Equatable, Comparable, Codable {
        public var seq: Int64
        public var id: Int64
        public init(seq: Int64, id: Int64) {
            self.seq = seq
            self.id = id
        }
        public static let start = Cursor(seq: -1, id: 0)
        public static func < (a: Cursor, b: Cursor) -> Bool { (a.seq, a.id) < (b.seq, b.id) }
    }

    /// The team store's source id the rows belong to, and the record.
    public var customers: [(source: Int64, record: Incoming<Customer>, deletedAt: Int64?)] = []
    public var subscriptions: [(source: Int64, record: Incoming<Subscription>, deletedAt: Int64?)] = []
    public var invoices: [(source: Int64, record: Incoming<Invoice>, deletedAt: Int64?)] = []
    public var events: [(source: Int64, record: Incoming<BillingEvent>)] = []
    public var allocations: [(source: Int64, record: ComponentAllocation)] = []
    public var journal: [ActionJournalEntry] = []
    /// GHL locations (`v13-pg-crm`): a stamped location also had its users replaced, or its mark moved.
    public var crmLocations: [CRMLocationRow] = []
    public var crmContacts: [(locationID: String, contact: CRMContact)] = []
    /// Contacts whose notes or tasks were replaced: the copy reads them afresh.
    public var crmActivity: [String] = []
    /// Manual links (`billtop link`) under the team store's source ids; a nil contact is "no contact at all".
    public var crmLinks: [(source: Int64, customerID: String, contactID: String?, setAt: Int64)] = []
    /// The cursor after the last row read; nil when none was.
    public var next: Cursor?

    /// The team store's sources the rows belong to.
    public var sourceIDs: Set<Int64> {
        var ids = Set(customers.map(\.source))
        ids.formUnion(subscriptions.map(\.source))
        ids.formUnion(invoices.map(\.source))
        ids.formUnion(events.map(\.source))
        ids.formUnion(allocations.map(\.source))
        ids.formUnion(journal.map(\.sourceID))
        ids.formUnion(crmLinks.map(\.source))
        return ids
    }

    public var count: Int {
        customers.count + subscriptions.count + invoices.count + events.count + allocations.count + journal.count
            + crmLocations.count + crmContacts.count + crmActivity.count + crmLinks.count
    }
}
