import BillingCore
import Foundation
import PostgresNIO
import Synchronization

/// The CRM side's writes on the team store (`v13-pg-crm`), as `billtop serve`'s GHL sync makes them: the same
/// rules as SQLite's (`BillingStore+CRM`), each under serve's lead of the location's source, and each writing only
/// what changed, so a sync round that found nothing new announces nothing to the viewers.
extension PostgresStore: CRMRecords {
    public func registerCRMLocation(locationID: String, name: String, baseURL: String) async throws {
        let (location, name, baseURL) = (
            PostgresText.safe(locationID), PostgresText.safe(name), PostgresText.safe(baseURL)
        )
        try await transaction("register GHL location \(location)") { connection in
            try await self.checkCRMLead(connection, locationID: location)
            let rows = try await connection.query(
                """
                INSERT INTO crm_location (location_id, name, base_url) VALUES (\(location), \(name), \(baseURL))
                ON CONFLICT (location_id) DO UPDATE SET name = excluded.name, base_url = excluded.base_url
                WHERE (crm_location.name, crm_location.base_url) IS DISTINCT FROM (excluded.name, excluded.base_url)
                RETURNING 1
                """, logger: PostgresConnector.silent)
            if try await Self.count(rows) == 0 { try await Self.forgetChange(connection) }
        }
    }

    public func crmHighWater(locationID: String) async throws -> Int64? {
        let location = PostgresText.safe(locationID)
        return try await serially("read GHL location \(location)'s mark") { connection in
            let rows = try await connection.query(
                "SELECT high_water_ms FROM crm_location WHERE location_id = \(location)",
                logger: PostgresConnector.silent)
            for try await mark in rows.decode(Int64?.self) { return mark }
            return nil
        }
    }

    public func saveCRMContacts(_ contacts: [CRMContact], locationID: String, highWater: Int64?, now: Date)
        async throws
    {
        let location = PostgresText.safe(locationID)
        var batch = PostgresBatch()
        // One row per id: an upsert may not touch a row twice, and the page's last word on a contact wins.
        var seen: Set<String> = []
        for c in contacts.reversed() where seen.insert(c.id).inserted {
            batch.append([
                "contact_id": .text(c.id), "first_name": .text(c.firstName), "last_name": .text(c.lastName),
                "email": .text(c.email), "email_key": .text(c.emailKey), "phone": .text(c.phone),
                "company_name": .text(c.companyName), "address1": .text(c.address1), "city": .text(c.city),
                "state": .text(c.state), "country": .text(c.country), "postal_code": .text(c.postalCode),
                "tags": .text(BillingStore.jsonText(c.tags)),
                "custom_fields": .text(BillingStore.jsonText(c.customFields)),
                "owner_id": .text(c.ownerID), "date_added_ms": .int(c.dateAdded),
                "date_updated_ms": .int(c.dateUpdated),
            ])
        }
        let json = try batch.json()
        let hasContacts = !batch.isEmpty
        let (mark, at) = (highWater ?? 0, Int64(now.timeIntervalSince1970))
        try await transaction("save a page of GHL contacts") { connection in
            try await self.checkCRMLead(connection, locationID: location)
            if hasContacts {
                try await connection.query(
                    """
                    INSERT INTO crm_contact (contact_id, location_id, \(unescaped: Self.contactColumns))
                    SELECT contact_id, \(location), \(unescaped: Self.contactColumns)
                    FROM jsonb_to_recordset(\(json)::text::jsonb) AS r(contact_id text, \(unescaped: Self.contactTypes))
                    ON CONFLICT (contact_id) DO UPDATE SET location_id = excluded.location_id,
                        \(unescaped: Self.contactUpdates)
                    WHERE (crm_contact.location_id, \(unescaped: Self.prefixed("crm_contact")))
                        IS DISTINCT FROM (excluded.location_id, \(unescaped: Self.prefixed("excluded")))
                    """, logger: PostgresConnector.silent)
            }
            // The location's row changes with every page (its sync time), so the page is always announced.
            try await connection.query(
                """
                UPDATE crm_location SET high_water_ms = greatest(coalesce(high_water_ms, \(mark)), \(mark)),
                    last_sync_at = \(at)
                WHERE location_id = \(location)
                """, logger: PostgresConnector.silent)
        }
    }

    public func saveCRMUsers(_ users: [CRMUser], locationID: String) async throws {
        let location = PostgresText.safe(locationID)
        let wanted = CRMUserDigest.unique(
            users.map {
                CRMUser(
                    id: PostgresText.safe($0.id), name: PostgresText.safe($0.name), email: PostgresText.safe($0.email))
            })
        let digest = CRMUserDigest.of(wanted)
        try await transaction("save GHL location \(location)'s users") { connection in
            try await self.checkCRMLead(connection, locationID: location)
            let stored = try await Self.users(connection, locationIDs: [location])[location] ?? []
            let replaced = CRMUserDigest.unique(stored) != wanted
            if replaced {
                try await connection.query(
                    "DELETE FROM crm_user WHERE location_id = \(location)", logger: PostgresConnector.silent)
                for user in wanted {
                    try await connection.query(
                        """
                        INSERT INTO crm_user (location_id, user_id, name, email)
                        VALUES (\(location), \(user.id), \(user.name), \(user.email))
                        """, logger: PostgresConnector.silent)
                }
            }
            // Stamps the location with the users' digest when it moved (or was never kept), so each copy reads
            // its users again then and only then.
            let rows = try await connection.query(
                """
                UPDATE crm_location SET users_digest = \(digest)
                WHERE location_id = \(location) AND users_digest IS DISTINCT FROM \(digest) RETURNING 1
                """, logger: PostgresConnector.silent)
            if try await Self.count(rows) == 0, !replaced { try await Self.forgetChange(connection) }
        }
    }

    public func saveCRMActivity(contactID: String, notes: [CRMNote], tasks: [CRMTask]) async throws {
        let contact = PostgresText.safe(contactID)
        let notes = notes.map(Self.storable)
        let tasks = tasks.map(Self.storable)
        try await transaction("save GHL contact \(contact)'s notes and tasks") { connection in
            let location = try await Self.location(connection, contactID: contact)
            try await self.checkCRMLead(connection, locationID: location)
            let stored = try await Self.activity(connection, contactIDs: [contact])[contact]
            if let stored, Set(stored.notes) == Set(notes), Set(stored.tasks) == Set(tasks) {
                // Unchanged: only a contact read for the first time (with nothing to keep) gets its row.
                let at = Int64(Date().timeIntervalSince1970)
                let rows = try await connection.query(
                    """
                    INSERT INTO crm_activity (contact_id, changed_at) VALUES (\(contact), \(at))
                    ON CONFLICT (contact_id) DO NOTHING RETURNING 1
                    """, logger: PostgresConnector.silent)
                if try await Self.count(rows) == 0 { try await Self.forgetChange(connection) }
                return
            }
            try await connection.query(
                "DELETE FROM crm_note WHERE contact_id = \(contact)", logger: PostgresConnector.silent)
            try await connection.query(
                "DELETE FROM crm_task WHERE contact_id = \(contact)", logger: PostgresConnector.silent)
            for note in Dictionary(notes.map { ($0.id, $0) }, uniquingKeysWith: { _, b in b }).values {
                try await connection.query(
                    """
                    INSERT INTO crm_note (note_id, contact_id, body, user_id, date_added_ms)
                    VALUES (\(note.id), \(contact), \(note.body), \(note.userID), \(note.dateAdded))
                    """, logger: PostgresConnector.silent)
            }
            for task in Dictionary(tasks.map { ($0.id, $0) }, uniquingKeysWith: { _, b in b }).values {
                try await connection.query(
                    """
                    INSERT INTO crm_task (task_id, contact_id, title, body, due_ms, completed, assigned_to)
                    VALUES (\(task.id), \(contact), \(task.title), \(task.body), \(task.dueDate), \(task.completed),
                        \(task.assignedTo))
                    """, logger: PostgresConnector.silent)
            }
            try await Self.stampActivity(connection, contactID: contact)
        }
    }

    /// A manual link a viewer asked for (`billtop link`, `b` in the dashboard): the customer is the contact's
    /// whatever the rules say; a nil contact is "no contact at all". Kept across syncs, followed by every copy.
    public func setCRMLink(sourceID: Int64, customerID: String, contactID: String?, now: Date) async throws {
        let (customer, contact) = (PostgresText.safe(customerID), PostgresText.safe(contactID))
        let at = Int64(now.timeIntervalSince1970)
        _ = try await transaction("link customer \(customer)") { connection in
            try await connection.query(
                """
                INSERT INTO crm_link_override (source_id, customer_id, contact_id, set_at)
                VALUES (\(sourceID), \(customer), \(contact), \(at))
                ON CONFLICT (source_id, customer_id) DO UPDATE SET contact_id = excluded.contact_id,
                    set_at = excluded.set_at
                """, logger: PostgresConnector.silent)
        }
    }

    /// Keeps a note serve just wrote to GHL for a viewer. Not fenced: like the journal, it records what GHL did.
    public func saveCRMNote(_ note: CRMNote) async throws {
        let note = Self.storable(note)
        try await transaction("keep GHL note \(note.id)") { connection in
            try await connection.query(
                """
                INSERT INTO crm_note (note_id, contact_id, body, user_id, date_added_ms)
                VALUES (\(note.id), \(note.contactID), \(note.body), \(note.userID), \(note.dateAdded))
                ON CONFLICT (note_id) DO UPDATE SET contact_id = excluded.contact_id, body = excluded.body,
                    user_id = excluded.user_id, date_added_ms = excluded.date_added_ms
                """, logger: PostgresConnector.silent)
            try await Self.stampActivity(connection, contactID: note.contactID)
        }
    }

    /// Keeps a task serve just created or completed in GHL for a viewer (not fenced, as notes).
    public func saveCRMTask(_ task: CRMTask) async throws {
        let task = Self.storable(task)
        try await transaction("keep GHL task \(task.id)") { connection in
            try await connection.query(
                """
                INSERT INTO crm_task (task_id, contact_id, title, body, due_ms, completed, assigned_to)
                VALUES (\(task.id), \(task.contactID), \(task.title), \(task.body), \(task.dueDate),
                    \(task.completed), \(task.assignedTo))
                ON CONFLICT (task_id) DO UPDATE SET contact_id = excluded.contact_id, title = excluded.title,
                    body = excluded.body, due_ms = excluded.due_ms, completed = excluded.completed,
                    assigned_to = excluded.assigned_to
                """, logger: PostgresConnector.silent)
            try await Self.stampActivity(connection, contactID: task.contactID)
        }
    }

    /// Tells every copy to read the contact's notes and tasks again.
    static func stampActivity(_ connection: PostgresConnection, contactID: String) async throws {
        let at = Int64(Date().timeIntervalSince1970)
        try await connection.query(
            """
            INSERT INTO crm_activity (contact_id, changed_at) VALUES (\(contactID), \(at))
            ON CONFLICT (contact_id) DO UPDATE SET changed_at = excluded.changed_at
            """, logger: PostgresConnector.silent)
    }

    /// Kept between rounds while `crm_activity` is unchanged (`CRMLinkMemo`).
    public func crmContactsWithActivity() async throws -> Set<String>? {
        try await serially("read which GHL contacts' notes were read") { connection in
            // The key first: a change committed while the list is read moves it again, so it is read afresh next time.
            let key = try await Self.highestChange(connection, of: ["crm_activity"])[0]
            if let kept = self.crmMemo.withLock({ $0.activityKey == key ? $0.read : nil }) { return kept }
            var ids: Set<String> = []
            let rows = try await connection.query(
                "SELECT contact_id FROM crm_activity", logger: PostgresConnector.silent)
            for try await id in rows.decode(String.self) { ids.insert(id) }
            self.crmMemo.withLock {
                $0.activityKey = key
                $0.read = ids
            }
            return ids
        }
    }

    /// Each table's highest `change_seq` (its index's last entry; 0 when empty). Table names are this file's own.
    static func highestChange(_ connection: PostgresConnection, of tables: [String]) async throws -> [Int64] {
        var highest: [Int64] = []
        for table in tables {
            let rows = try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT coalesce(max(change_seq), 0)::bigint FROM \(table)"),
                logger: PostgresConnector.silent)
            var value: Int64 = 0
            for try await seq in rows.decode(Int64.self) { value = seq }
            highest.append(value)
        }
        return highest
    }

    /// Under a serve's fence, the location's source must be led by this serve (`checkLead`): a GHL location
    /// is a source of kind `ghl` whose account is the location id, registered by serve at start.
    func checkCRMLead(_ connection: PostgresConnection, locationID: String) async throws {
        guard fence.withLock({ $0 }) != nil else { return }
        let rows = try await connection.query(
            "SELECT id FROM source WHERE kind = 'ghl' AND account = \(locationID)", logger: PostgresConnector.silent)
        for try await id in rows.decode(Int64.self) {
            try await checkLead(connection, sourceID: id)
            return
        }
        throw PostgresStoreError(
            message:
                "GHL location \(TextSanitizer.clean(locationID)) is not a source of the team store; billtop serve registers it from its config at start",
            sqlState: nil)
    }

    static func forgetChange(_ connection: PostgresConnection) async throws {
        try await connection.query("SELECT billtop_forget_change()", logger: PostgresConnector.silent)
    }

    static func count(_ rows: PostgresRowSequence) async throws -> Int {
        var count = 0
        for try await _ in rows { count += 1 }
        return count
    }

    private static func storable(_ note: CRMNote) -> CRMNote {
        CRMNote(
            id: PostgresText.safe(note.id), contactID: PostgresText.safe(note.contactID),
            body: PostgresText.safe(note.body),
            userID: PostgresText.safe(note.userID), dateAdded: note.dateAdded)
    }

    private static func storable(_ task: CRMTask) -> CRMTask {
        CRMTask(
            id: PostgresText.safe(task.id), contactID: PostgresText.safe(task.contactID),
            title: PostgresText.safe(task.title),
            body: PostgresText.safe(task.body), dueDate: task.dueDate, completed: task.completed,
            assignedTo: PostgresText.safe(task.assignedTo))
    }

    /// A contact's columns after its id and location, with their types for the recordset.
    static let contactFields: [(String, String)] = [
        ("first_name", "text"), ("last_name", "text"), ("email", "text"), ("email_key", "text"), ("phone", "text"),
        ("company_name", "text"), ("address1", "text"), ("city", "text"), ("state", "text"), ("country", "text"),
        ("postal_code", "text"), ("tags", "text"), ("custom_fields", "text"), ("owner_id", "text"),
        ("date_added_ms", "bigint"), ("date_updated_ms", "bigint"),
    ]
    static let contactColumns = contactFields.map(\.0).joined(separator: ", ")
    static let contactTypes = contactFields.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    static let contactUpdates = contactFields.map { "\($0.0) = excluded.\($0.0)" }.joined(separator: ", ")
    static func prefixed(_ table: String) -> String { contactFields.map { "\(table).\($0.0)" }.joined(separator: ", ") }
}
