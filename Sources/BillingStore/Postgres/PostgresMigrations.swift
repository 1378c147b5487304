/// The PostgreSQL engine's schema history: its own ordered, append-only list, apart from SQLite's
/// (`Schema/Migrations.swift`), because the two dialects differ. Each applied step is a row of
/// `billtop_schema_version` (its number and name); a store holding a number past this list, or a different name
/// under a known number, was written by a newer billtop and is refused, as a SQLite store is.
/// Never rename, edit, reorder or remove a released step: append one.
public enum PostgresMigrations {
    /// A named step: statements run in order inside the migration's transaction (DDL is transactional here).
    public struct Step: Sendable {
        public let name: String
        public let statements: [String]
        init(_ name: String, _ statements: [String]) {
            self.name = name
            self.statements = statements
        }
    }

    /// Every step, oldest first; a step's version is its position counted from 1.
    public static let all: [Step] = [
        Step("v10-pg-records", PostgresRecordTables.statements),
        Step("v10-pg-action-journal", PostgresTeamTables.journal),
        Step("v10-pg-change-log", PostgresTeamTables.changeLog),
        Step("v10-pg-action-request", PostgresTeamTables.actionRequest),
        Step("v10-pg-customer-search", PostgresSearchTables.statements),
        Step("v11-pg-sync", PostgresSyncTables.statements),
        Step("v11-pg-webhooks", PostgresWebhookTables.statements),
        Step("v11-pg-journal-token", PostgresTeamTables.journalToken),
        Step("v12-pg-row-changes", PostgresReplicaTables.statements),
        Step("v12-pg-lead-epoch", PostgresLeadTables.statements),
        Step("v13-pg-crm", PostgresCRMTables.statements),
        Step("v14-pg-crm-links", PostgresCRMTables.links),
        Step("v15-pg-sort-name-folded", PostgresSortNameFold.statements),
        Step("v16-pg-crm-users-digest", PostgresCRMTables.usersDigest),
    ]

    /// The bookkeeping table, created before any step (and by every migrating open, harmlessly).
    static let versionTable = """
        CREATE TABLE IF NOT EXISTS billtop_schema_version (
            version integer PRIMARY KEY,
            name text NOT NULL UNIQUE,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """

    /// Migrations of one database never run side by side: a second writer waits here for the first.
    static let migrationLockKey: Int64 = 0x6269_6C6C_746F_7002

    /// What a store's applied rows say about this binary's list.
    enum Verdict: Equatable {
        /// The store is this binary's or older: the indexes (into `all`) of the steps it lacks, oldest first.
        case missing([Int])
        case newer
    }

    /// Compares the store's `(version, name)` rows with `all.prefix(known)`.
    static func verdict(applied: [(version: Int, name: String)], known: Int = all.count) -> Verdict {
        for row in applied {
            guard row.version >= 1, row.version <= known, all[row.version - 1].name == row.name else { return .newer }
        }
        let versions = Set(applied.map(\.version))
        return .missing((0..<known).filter { !versions.contains($0 + 1) })
    }

    /// Every statement of the list in order, each step followed by its version row (a fresh database).
    public static func statements(upTo count: Int = all.count) -> [String] {
        var statements = [versionTable]
        for (index, step) in all.prefix(count).enumerated() {
            statements += step.statements
            statements.append(
                "INSERT INTO billtop_schema_version (version, name) VALUES (\(index + 1), '\(step.name)')")
        }
        return statements
    }
}
