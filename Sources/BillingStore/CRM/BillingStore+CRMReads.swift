import BillingCore
import Foundation
import GRDB

/// The CRM side's reads: contacts, the links between customers and contacts (by the rules of `CRMLinker`,
/// computed from the stored customers, contacts and manual choices), and the customer screen's panel.
extension BillingStore {
    /// One contact by id.
    public func crmContact(id: String) throws -> CRMContact? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM crm_contact WHERE contact_id = ?", arguments: [id]).map(
                Self.contact)
        }
    }

    /// The GHL location a contact belongs to (which location's token may write to it); nil: not stored.
    public func crmContactLocation(id: String) throws -> String? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT location_id FROM crm_contact WHERE contact_id = ?", arguments: [id])
        }
    }

    /// The GHL locations the store has synced: id, name and the base URL their token was used with.
    public func crmLocations() throws -> [(id: String, name: String, baseURL: String)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT location_id, name, base_url FROM crm_location ORDER BY name").map {
                (id: $0["location_id"], name: $0["name"], baseURL: $0["base_url"])
            }
        }
    }

    /// The contacts with e-mail key `emailKey` (`CRMContact.emailKey`); none for "".
    public func crmContacts(emailKey: String) throws -> [CRMContact] {
        guard !emailKey.isEmpty else { return [] }
        return try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM crm_contact WHERE email_key = ? ORDER BY contact_id", arguments: [emailKey]
            ).map(Self.contact)
        }
    }

    /// Every contact, by id.
    public func crmContacts() throws -> [CRMContact] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM crm_contact ORDER BY contact_id").map(Self.contact)
        }
    }

    /// One location's users, sorted by id.
    public func crmUsers(locationID: String) throws -> [CRMUser] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT user_id, name, email FROM crm_user WHERE location_id = ? ORDER BY user_id",
                arguments: [locationID]
            ).map { CRMUser(id: $0["user_id"], name: $0["name"], email: $0["email"]) }
        }
    }

    /// The users of every location, by id.
    public func crmUsers() throws -> [String: CRMUser] {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT user_id, name, email FROM crm_user")
            return Dictionary(
                rows.map { ($0["user_id"], CRMUser(id: $0["user_id"], name: $0["name"], email: $0["email"])) },
                uniquingKeysWith: { a, _ in a })
        }
    }

    /// The link rules over the source's live customers, the stored contacts and the manual choices.
    public func crmLinker(sourceID: Int64) throws -> (linker: CRMLinker, customers: [CRMLinker.Customer]) {
        try pool.read { db in try Self.linkRules(db, sourceID: sourceID, only: nil) }
    }

    /// The rules over every contact and the source's live customers (`only` these ids, when given) with their
    /// manual choices: the customers and choices restricted in SQL, the contacts read whole (the rules need every
    /// contact with a customer's e-mail).
    static func linkRules(_ db: Database, sourceID: Int64, only ids: [String]?) throws
        -> (linker: CRMLinker, customers: [CRMLinker.Customer])
    {
        let contacts = try Row.fetchAll(db, sql: "SELECT contact_id, email FROM crm_contact").map {
            (id: $0["contact_id"] as String, email: $0["email"] as String)
        }
        // A JSON array of the ids: a window of candidates can hold more than SQLite takes parameters.
        func only(_ column: String) -> String { ids == nil ? "" : " AND \(column) IN (SELECT value FROM json_each(?))" }
        var arguments: StatementArguments = [sourceID]
        if let ids { arguments += [jsonText(ids)] }
        var overrides: [String: String?] = [:]
        for row in try Row.fetchAll(
            db,
            sql: "SELECT customer_id, contact_id FROM crm_link_override WHERE source_id = ?"
                + only("customer_id"),
            arguments: arguments)
        {
            overrides[row["customer_id"] as String] = .some(row["contact_id"] as String?)
        }
        let customers = try Row.fetchAll(
            db,
            sql: "SELECT remote_id, email, reference FROM customer WHERE source_id = ? AND deleted_at IS NULL"
                + only("remote_id"),
            arguments: arguments
        ).map { CRMLinker.Customer(id: $0["remote_id"], email: $0["email"], reference: $0["reference"]) }
        return (CRMLinker(contacts: contacts, overrides: overrides), customers)
    }

    /// Every customer's link and, per contact, the customers linked to it.
    public func crmLinks(sourceID: Int64) throws -> (byCustomer: [String: CRMLink], byContact: [String: [String]]) {
        let (linker, customers) = try crmLinker(sourceID: sourceID)
        return linker.links(customers)
    }

    /// One customer's link; nil when the source has no such live customer. The same rules as `crmLinks`, over
    /// only the rows that can decide it (the customer, its manual choice, the contact its reference names and
    /// the contacts with its e-mail): the customer screen asks this on every open, and at 100k customers
    /// reading every customer and contact for it would be the slowest part of the screen.
    public func crmLink(sourceID: Int64, customerID: String) throws -> CRMLink? {
        try pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT email, reference FROM customer
                        WHERE source_id = ? AND remote_id = ? AND deleted_at IS NULL
                        """, arguments: [sourceID, customerID])
            else { return nil }
            let customer = CRMLinker.Customer(id: customerID, email: row["email"], reference: row["reference"])
            var overrides: [String: String?] = [:]
            if let manual = try Row.fetchOne(
                db, sql: "SELECT contact_id FROM crm_link_override WHERE source_id = ? AND customer_id = ?",
                arguments: [sourceID, customerID])
            {
                overrides[customerID] = .some(manual["contact_id"] as String?)
            }
            var contacts: [String: String] = [:]
            let reference = CRMContact.trimmed(customer.reference)
            let key = CRMContact.emailKey(customer.email)
            for candidate in try Row.fetchAll(
                db,
                sql: "SELECT contact_id, email FROM crm_contact WHERE contact_id = ? OR (email_key = ? AND ? <> '')",
                arguments: [reference, key, key])
            {
                contacts[candidate["contact_id"]] = candidate["email"]
            }
            let linker = CRMLinker(contacts: contacts.map { (id: $0.key, email: $0.value) }, overrides: overrides)
            return linker.link(customer)
        }
    }

    /// The panel for one customer: its link, and the linked contact's owner, open tasks and latest notes.
    public func crmPanel(sourceID: Int64, customerID: String, notes: Int = 5) throws -> CRMPanel? {
        guard let link = try crmLink(sourceID: sourceID, customerID: customerID) else { return nil }
        guard let id = link.contactID, let contact = try crmContact(id: id) else {
            return CRMPanel(link: link, contact: nil, ownerName: "", openTasks: [], latestNotes: [], lastActivity: nil)
        }
        return try pool.read { db in
            let owner =
                try String.fetchOne(
                    db, sql: "SELECT name FROM crm_user WHERE user_id = ? LIMIT 1", arguments: [contact.ownerID]) ?? ""
            let tasks = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM crm_task WHERE contact_id = ? AND completed = 0
                    ORDER BY due_ms IS NULL, due_ms, task_id
                    """,
                arguments: [id]
            ).map(Self.task)
            let latest = try Row.fetchAll(
                db, sql: "SELECT * FROM crm_note WHERE contact_id = ? ORDER BY date_added_ms DESC, note_id LIMIT ?",
                arguments: [id, notes]
            ).map(Self.note)
            let activity = ([contact.dateUpdated] + latest.map(\.dateAdded)).max()
            return CRMPanel(
                link: link, contact: contact, ownerName: owner, openTasks: tasks, latestNotes: latest,
                lastActivity: activity)
        }
    }

    /// A contact's notes and tasks as stored (every task, completed ones too).
    public func crmActivity(contactID: String) throws -> (notes: [CRMNote], tasks: [CRMTask]) {
        try pool.read { db in
            let notes = try Row.fetchAll(
                db, sql: "SELECT * FROM crm_note WHERE contact_id = ? ORDER BY date_added_ms, note_id",
                arguments: [contactID]
            ).map(Self.note)
            let tasks = try Row.fetchAll(
                db, sql: "SELECT * FROM crm_task WHERE contact_id = ? ORDER BY task_id", arguments: [contactID]
            ).map(Self.task)
            return (notes, tasks)
        }
    }

    static func contact(_ row: Row) -> CRMContact {
        let tags =
            (try? JSONSerialization.jsonObject(with: Data((row["tags"] as String).utf8))) as? [String] ?? []
        let fields =
            (try? JSONSerialization.jsonObject(with: Data((row["custom_fields"] as String).utf8)))
            as? [String: String] ?? [:]
        return CRMContact(
            id: row["contact_id"], firstName: row["first_name"], lastName: row["last_name"], email: row["email"],
            phone: row["phone"], companyName: row["company_name"], address1: row["address1"], city: row["city"],
            state: row["state"], country: row["country"], postalCode: row["postal_code"], tags: tags,
            customFields: fields, ownerID: row["owner_id"], dateAdded: row["date_added_ms"],
            dateUpdated: row["date_updated_ms"])
    }

    static func note(_ row: Row) -> CRMNote {
        CRMNote(
            id: row["note_id"], contactID: row["contact_id"], body: row["body"], userID: row["user_id"],
            dateAdded: row["date_added_ms"])
    }

    static func task(_ row: Row) -> CRMTask {
        CRMTask(
            id: row["task_id"], contactID: row["contact_id"], title: row["title"], body: row["body"],
            dueDate: row["due_ms"], completed: row["completed"], assignedTo: row["assigned_to"])
    }
}
