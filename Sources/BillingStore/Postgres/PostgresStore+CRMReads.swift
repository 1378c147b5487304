import BillingCore
import PostgresNIO
import Synchronization

/// The CRM side's reads on the team store: what serve's GHL sync needs (the links, a contact's location, what
/// is stored now, to write only changes), and what a viewer's copy reads for a location or contact whose stamp
/// moved (`PostgresCRMTables`).
extension PostgresStore {
    /// Worked out again only when customers, contacts or manual links changed since the last time (`CRMLinkMemo`).
    public func crmLinkedContactIDs() async throws -> [String] {
        try await serially("work out the CRM links") { connection in
            // The key first: a change committed while the links are worked out moves it again, so the next round
            // works them out afresh rather than keeping an answer older than its key.
            let key = try await Self.highestChange(connection, of: ["customer", "crm_contact", "crm_link_override"])
            if let kept = self.crmMemo.withLock({ $0.linksKey == key ? $0.linked : nil }) { return kept }
            let linked = try await Self.linkedContactIDs(connection)
            self.crmMemo.withLock {
                $0.linksKey = key
                $0.linked = linked
                $0.linkComputations += 1
            }
            return linked
        }
    }

    /// How many times this store worked the links out in full (tests: an unchanged GHL round must not).
    package var crmLinkComputations: Int { crmMemo.withLock { $0.linkComputations } }

    /// Every contact linked to a live billing customer, by `CRMLinker`'s rules with the manual links.
    static func linkedContactIDs(_ connection: PostgresConnection) async throws -> [String] {
        var contacts: [(id: String, email: String)] = []
        let contactRows = try await connection.query(
            "SELECT contact_id, email FROM crm_contact", logger: PostgresConnector.silent)
        for try await (id, email) in contactRows.decode((String, String).self) { contacts.append((id, email)) }
        var overrides: [Int64: [String: String?]] = [:]
        let overrideRows = try await connection.query(
            "SELECT source_id, customer_id, contact_id FROM crm_link_override", logger: PostgresConnector.silent)
        for try await (source, customer, contact) in overrideRows.decode((Int64, String, String?).self) {
            overrides[source, default: [:]][customer] = .some(contact)
        }
        var bySource: [Int64: [CRMLinker.Customer]] = [:]
        let customerRows = try await connection.query(
            """
            SELECT c.source_id, c.remote_id, c.email, c.reference FROM customer c JOIN source s ON s.id = c.source_id
            WHERE c.deleted_at IS NULL AND s.kind <> 'ghl'
            """, logger: PostgresConnector.silent)
        for try await (source, id, email, reference) in customerRows.decode((Int64, String, String, String).self) {
            bySource[source, default: []].append(CRMLinker.Customer(id: id, email: email, reference: reference))
        }
        var linked: Set<String> = []
        for (source, customers) in bySource {
            let linker = CRMLinker(contacts: contacts, overrides: overrides[source] ?? [:])
            linked.formUnion(linker.links(customers).byContact.keys)
        }
        return linked.sorted()
    }

    /// The users of each of `locationIDs` that has any.
    public func crmUsers(locationIDs: [String]) async throws -> [String: [CRMUser]] {
        crmUserReads.withLock { $0 += 1 }
        return try await serially("read GHL users") { connection in
            try await Self.users(connection, locationIDs: locationIDs)
        }
    }

    /// How many times `crmUsers(locationIDs:)` was called on this store.
    package var crmUserReadCount: Int { crmUserReads.withLock { $0 } }

    /// The notes and tasks of each of `contactIDs` (every one asked for, empty when it has none).
    public func crmActivity(contactIDs: [String]) async throws -> [String: (notes: [CRMNote], tasks: [CRMTask])] {
        try await serially("read GHL notes and tasks") { connection in
            try await Self.activity(connection, contactIDs: contactIDs)
        }
    }

    /// The GHL location a stored contact belongs to (whose token may write to it); nil: not stored.
    public func crmContactLocation(id: String) async throws -> String? {
        try await serially("read GHL contact \(id)'s location") { connection in
            let rows = try await connection.query(
                "SELECT location_id FROM crm_contact WHERE contact_id = \(id)", logger: PostgresConnector.silent)
            for try await location in rows.decode(String.self) { return location }
            return nil
        }
    }

    /// The contacts with e-mail key `emailKey` (`CRMContact.emailKey`); none for "".
    public func crmContacts(emailKey: String) async throws -> [CRMContact] {
        guard !emailKey.isEmpty else { return [] }
        return try await serially("read GHL contacts by e-mail") { connection in
            try await PostgresRows.all(
                connection.query(
                    "SELECT * FROM crm_contact WHERE email_key = \(emailKey) ORDER BY contact_id",
                    logger: PostgresConnector.silent)
            ).map { BillingStore.contact($0.row) }
        }
    }

    /// One stored contact, or nil.
    public func crmContact(id: String) async throws -> CRMContact? {
        try await serially("read GHL contact") { connection in
            let rows = try await PostgresRows.all(
                connection.query("SELECT * FROM crm_contact WHERE contact_id = \(id)", logger: PostgresConnector.silent)
            )
            return rows.first.map { BillingStore.contact($0.row) }
        }
    }

    static func users(_ connection: PostgresConnection, locationIDs: [String]) async throws -> [String: [CRMUser]] {
        var users: [String: [CRMUser]] = [:]
        let rows = try await connection.query(
            "SELECT location_id, user_id, name, email FROM crm_user WHERE location_id = ANY(\(locationIDs)) ORDER BY user_id",
            logger: PostgresConnector.silent)
        for try await (location, id, name, email) in rows.decode((String, String, String, String).self) {
            users[location, default: []].append(CRMUser(id: id, name: name, email: email))
        }
        return users
    }

    static func activity(_ connection: PostgresConnection, contactIDs: [String]) async throws
        -> [String: (notes: [CRMNote], tasks: [CRMTask])]
    {
        var activity = Dictionary(
            uniqueKeysWithValues: contactIDs.map { ($0, (notes: [CRMNote](), tasks: [CRMTask]())) })
        let notes = try await PostgresRows.all(
            connection.query(
                "SELECT * FROM crm_note WHERE contact_id = ANY(\(contactIDs)) ORDER BY date_added_ms, note_id",
                logger: PostgresConnector.silent))
        for row in notes {
            let note = BillingStore.note(row.row)
            activity[note.contactID, default: ([], [])].notes.append(note)
        }
        let tasks = try await PostgresRows.all(
            connection.query(
                "SELECT * FROM crm_task WHERE contact_id = ANY(\(contactIDs)) ORDER BY task_id",
                logger: PostgresConnector.silent))
        for row in tasks {
            let task = BillingStore.task(row.row)
            activity[task.contactID, default: ([], [])].tasks.append(task)
        }
        return activity
    }

    /// The location a stored contact belongs to; throws for a contact the store does not have.
    static func location(_ connection: PostgresConnection, contactID: String) async throws -> String {
        let rows = try await connection.query(
            "SELECT location_id FROM crm_contact WHERE contact_id = \(contactID)", logger: PostgresConnector.silent)
        for try await location in rows.decode(String.self) { return location }
        throw PostgresStoreError(
            message:
                "GHL contact \(TextSanitizer.clean(contactID)) is not in the team store, so its notes and tasks were not kept",
            sqlState: nil)
    }
}
