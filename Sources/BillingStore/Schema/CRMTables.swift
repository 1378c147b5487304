import GRDB

/// The CRM side (issue 19, migration `v9-crm`): GHL locations with their sync mark, contacts, users, notes and
/// tasks, and the manual links that survive syncs. Times are milliseconds since 1970, as GHL gives them.
/// Contacts are keyed by their own id: GHL ids are unique across locations.
enum CRMTables {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE crm_location (
                    location_id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    base_url TEXT NOT NULL,
                    high_water_ms INTEGER,
                    last_sync_at INTEGER
                );
                CREATE TABLE crm_contact (
                    contact_id TEXT PRIMARY KEY,
                    location_id TEXT NOT NULL REFERENCES crm_location(location_id),
                    first_name TEXT NOT NULL, last_name TEXT NOT NULL,
                    email TEXT NOT NULL, email_key TEXT NOT NULL,
                    phone TEXT NOT NULL, company_name TEXT NOT NULL,
                    address1 TEXT NOT NULL, city TEXT NOT NULL, state TEXT NOT NULL, country TEXT NOT NULL,
                    postal_code TEXT NOT NULL,
                    tags TEXT NOT NULL DEFAULT '[]',
                    custom_fields TEXT NOT NULL DEFAULT '{}',
                    owner_id TEXT NOT NULL DEFAULT '',
                    date_added_ms INTEGER NOT NULL, date_updated_ms INTEGER NOT NULL
                );
                CREATE INDEX crm_contact_by_email ON crm_contact (email_key) WHERE email_key <> '';
                CREATE TABLE crm_user (
                    location_id TEXT NOT NULL, user_id TEXT NOT NULL, name TEXT NOT NULL, email TEXT NOT NULL,
                    PRIMARY KEY (location_id, user_id)
                );
                CREATE TABLE crm_note (
                    note_id TEXT PRIMARY KEY, contact_id TEXT NOT NULL, body TEXT NOT NULL,
                    user_id TEXT NOT NULL, date_added_ms INTEGER NOT NULL
                );
                CREATE INDEX crm_note_by_contact ON crm_note (contact_id, date_added_ms);
                CREATE TABLE crm_task (
                    task_id TEXT PRIMARY KEY, contact_id TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
                    due_ms INTEGER, completed INTEGER NOT NULL, assigned_to TEXT NOT NULL
                );
                CREATE INDEX crm_task_by_contact ON crm_task (contact_id, completed, due_ms);
                CREATE TABLE crm_link_override (
                    source_id INTEGER NOT NULL REFERENCES source(id),
                    customer_id TEXT NOT NULL,
                    contact_id TEXT,
                    set_at INTEGER NOT NULL,
                    PRIMARY KEY (source_id, customer_id)
                );
                """)
    }
}
