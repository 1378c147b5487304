/// `v13-pg-crm`: the CRM side in the team store (issue 18 with issue 19's tables): GHL locations, contacts,
/// users, notes and tasks, with the same columns as SQLite's `v9-crm`, written by `billtop serve`'s GHL sync and
/// followed by every viewer's copy.
///
/// A copy follows rows by their change number (`v12-pg-row-changes`), but a location's users and a contact's
/// notes and tasks are replaced as a whole, and a replaced row leaves nothing behind to follow. So the copy
/// follows their owners instead: a location is stamped when its users change, and `crm_activity` (one row per
/// contact) when the contact's notes or tasks do; the copy then reads that location's users, or that contact's
/// notes and tasks, afresh. A location's row is also stamped at every page of contacts, so it keeps its users'
/// digest (`v16-pg-crm-users-digest`) and the copy reads them only when that differs from its own. Manual
/// links (`billtop link`) are not kept here: a team store has no way to set one yet, so every team link follows
/// the reference and e-mail rules.
enum PostgresCRMTables {
    /// The tables a copy follows by change number.
    static let stamped = ["crm_location", "crm_contact", "crm_activity"]

    static let statements: [String] =
        [
            """
            CREATE TABLE crm_location (
                id bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
                location_id text PRIMARY KEY,
                name text NOT NULL,
                base_url text NOT NULL,
                high_water_ms bigint,
                last_sync_at bigint
            )
            """,
            """
            CREATE TABLE crm_contact (
                id bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
                contact_id text PRIMARY KEY,
                location_id text NOT NULL REFERENCES crm_location (location_id),
                first_name text NOT NULL, last_name text NOT NULL,
                email text NOT NULL, email_key text NOT NULL,
                phone text NOT NULL, company_name text NOT NULL,
                address1 text NOT NULL, city text NOT NULL, state text NOT NULL, country text NOT NULL,
                postal_code text NOT NULL,
                tags text NOT NULL DEFAULT '[]',
                custom_fields text NOT NULL DEFAULT '{}',
                owner_id text NOT NULL DEFAULT '',
                date_added_ms bigint NOT NULL, date_updated_ms bigint NOT NULL
            )
            """,
            "CREATE INDEX crm_contact_by_email ON crm_contact (email_key) WHERE email_key <> ''",
            """
            CREATE TABLE crm_user (
                location_id text NOT NULL, user_id text NOT NULL, name text NOT NULL, email text NOT NULL,
                PRIMARY KEY (location_id, user_id)
            )
            """,
            """
            CREATE TABLE crm_note (
                note_id text PRIMARY KEY, contact_id text NOT NULL, body text NOT NULL,
                user_id text NOT NULL, date_added_ms bigint NOT NULL
            )
            """,
            "CREATE INDEX crm_note_by_contact ON crm_note (contact_id, date_added_ms)",
            """
            CREATE TABLE crm_task (
                task_id text PRIMARY KEY, contact_id text NOT NULL, title text NOT NULL, body text NOT NULL,
                due_ms bigint, completed boolean NOT NULL, assigned_to text NOT NULL
            )
            """,
            "CREATE INDEX crm_task_by_contact ON crm_task (contact_id, completed, due_ms)",
            // One row per contact whose notes or tasks were stored: its stamp tells a copy to read them again.
            """
            CREATE TABLE crm_activity (
                id bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
                contact_id text PRIMARY KEY,
                changed_at bigint NOT NULL
            )
            """,
        ]
        + stamped.flatMap(stamping)

    static let links: [String] =
        [
            """
            CREATE TABLE crm_link_override (
                id bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
                source_id bigint NOT NULL REFERENCES source (id),
                customer_id text NOT NULL,
                contact_id text,
                set_at bigint NOT NULL,
                PRIMARY KEY (source_id, customer_id)
            )
            """
        ] + stamping("crm_link_override")

    /// `v16-pg-crm-users-digest`: `CRMUserDigest` of the location's users, so a copy reads them only when they
    /// changed; serve sets it at its next users read.
    static let usersDigest = ["ALTER TABLE crm_location ADD COLUMN users_digest bigint"]

    /// A followed table's change number, its index and the trigger that stamps it (`v12-pg-row-changes`).
    static func stamping(_ table: String) -> [String] {
        [
            "ALTER TABLE \(table) ADD COLUMN change_seq bigint NOT NULL DEFAULT 0",
            "CREATE INDEX \(table)_by_change ON \(table) (change_seq, id)",
            """
            CREATE TRIGGER \(table)_stamped BEFORE INSERT OR UPDATE ON \(table)
                FOR EACH ROW EXECUTE FUNCTION billtop_stamp_change()
            """,
        ]
    }
}
