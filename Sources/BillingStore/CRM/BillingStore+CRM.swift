import BillingCore
import Foundation
import GRDB

/// The CRM side's writes: a GHL location and its sync mark, contacts (a page and the mark in one transaction),
/// users, a contact's notes and tasks, and the manual links `billtop link` / `unlink` keep.
extension BillingStore {
    /// Registers (or renames) a GHL location; its contacts are kept under its id.
    public func registerCRMLocation(locationID: String, name: String, baseURL: String) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO crm_location (location_id, name, base_url) VALUES (?, ?, ?)
                    ON CONFLICT (location_id) DO UPDATE SET name = excluded.name, base_url = excluded.base_url
                    """,
                arguments: [locationID, name, baseURL])
        }
    }

    /// The newest `dateUpdated` (ms) the location's contacts were read up to; nil before the first sync.
    public func crmHighWater(locationID: String) throws -> Int64? {
        try pool.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT high_water_ms FROM crm_location WHERE location_id = ?", arguments: [locationID])
        }
    }

    /// Upserts a page of contacts and moves the location's mark to `highWater` (never back), in one transaction:
    /// a crash leaves the mark at the last page written.
    public func saveCRMContacts(_ contacts: [CRMContact], locationID: String, highWater: Int64?, now: Date = Date())
        throws
    {
        try pool.write { db in
            for c in contacts { try Self.upsert(c, locationID: locationID, db) }
            try db.execute(
                sql: """
                    UPDATE crm_location SET high_water_ms = max(coalesce(high_water_ms, ?1), ?1), last_sync_at = ?2
                    WHERE location_id = ?3
                    """,
                arguments: [highWater ?? 0, Int64(now.timeIntervalSince1970), locationID])
        }
    }

    /// Replaces the location's users.
    public func saveCRMUsers(_ users: [CRMUser], locationID: String) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM crm_user WHERE location_id = ?", arguments: [locationID])
            for user in users {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO crm_user (location_id, user_id, name, email) VALUES (?, ?, ?, ?)",
                    arguments: [locationID, user.id, user.name, user.email])
            }
        }
    }

    /// Replaces a contact's notes and tasks with a complete listing of both.
    public func saveCRMActivity(contactID: String, notes: [CRMNote], tasks: [CRMTask]) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM crm_note WHERE contact_id = ?", arguments: [contactID])
            try db.execute(sql: "DELETE FROM crm_task WHERE contact_id = ?", arguments: [contactID])
            for note in notes { try Self.insert(note, db) }
            for task in tasks { try Self.insert(task, db) }
        }
    }

    /// Keeps one note (just written to GHL) so it shows at once, before the next sync.
    public func saveCRMNote(_ note: CRMNote) throws { try pool.write { try Self.insert(note, $0) } }

    /// Keeps one task (just created or completed in GHL).
    public func saveCRMTask(_ task: CRMTask) throws { try pool.write { try Self.insert(task, $0) } }

    /// `billtop link`: the customer is the contact's, whatever the reference and e-mails say; survives syncs.
    /// A nil `contactID` is `billtop unlink`: no contact at all.
    public func setCRMLink(sourceID: Int64, customerID: String, contactID: String?, now: Date = Date()) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO crm_link_override (source_id, customer_id, contact_id, set_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (source_id, customer_id) DO UPDATE SET contact_id = excluded.contact_id,
                        set_at = excluded.set_at
                    """,
                arguments: [sourceID, customerID, contactID, Int64(now.timeIntervalSince1970)])
        }
    }

    /// One contact written whole (its location's mark untouched).
    static func upsert(_ c: CRMContact, locationID: String, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO crm_contact (contact_id, location_id, first_name, last_name, email, email_key, phone,
                    company_name, address1, city, state, country, postal_code, tags, custom_fields, owner_id,
                    date_added_ms, date_updated_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (contact_id) DO UPDATE SET location_id = excluded.location_id,
                    first_name = excluded.first_name, last_name = excluded.last_name, email = excluded.email,
                    email_key = excluded.email_key, phone = excluded.phone, company_name = excluded.company_name,
                    address1 = excluded.address1, city = excluded.city, state = excluded.state,
                    country = excluded.country, postal_code = excluded.postal_code, tags = excluded.tags,
                    custom_fields = excluded.custom_fields, owner_id = excluded.owner_id,
                    date_added_ms = excluded.date_added_ms, date_updated_ms = excluded.date_updated_ms
                """,
            arguments: [
                c.id, locationID, c.firstName, c.lastName, c.email, c.emailKey, c.phone, c.companyName,
                c.address1, c.city, c.state, c.country, c.postalCode, Self.jsonText(c.tags),
                Self.jsonText(c.customFields), c.ownerID, c.dateAdded, c.dateUpdated,
            ])
    }

    private static func insert(_ note: CRMNote, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO crm_note (note_id, contact_id, body, user_id, date_added_ms)
                VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [note.id, note.contactID, note.body, note.userID, note.dateAdded])
    }

    private static func insert(_ task: CRMTask, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO crm_task (task_id, contact_id, title, body, due_ms, completed, assigned_to)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [task.id, task.contactID, task.title, task.body, task.dueDate, task.completed, task.assignedTo])
    }

    static func jsonText(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}
