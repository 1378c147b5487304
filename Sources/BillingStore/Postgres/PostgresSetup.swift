import BillingCore
import Foundation

/// What `billtop store init-postgres` prints or applies: a database owned by a writer role (the one `billtop
/// serve` logs in as), and a viewer role that can read every table and insert only the describing columns of an
/// action request. The database enforces it, so a viewer's own SQL client gets no further than billtop does.
/// Roles are created with LOGIN and no password: psql's `\password ROLE` sets one without it reaching a shell's
/// history or any process list.
public struct PostgresSetup: Sendable {
    public let database: String
    public let writer: String
    public let viewer: String

    /// Names are plain identifiers (lower-case letters, digits, `_`), so they need no quoting anywhere.
    public init(database: String = "billtop", writer: String = "billtop_writer", viewer: String = "billtop_viewer")
        throws(PostgresStoreURL.Invalid)
    {
        for (what, name) in [("database", database), ("writer role", writer), ("viewer role", viewer)] {
            let plain = name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
            }
            guard plain, let first = name.unicodeScalars.first, !("0"..."9").contains(first), name.count <= 63 else {
                throw PostgresStoreURL.Invalid(
                    message:
                        "the \(what) name '\(TextSanitizer.clean(String(name.prefix(64))))' is not a plain identifier; use lower-case letters, digits and _ (at most 63, not starting with a digit)"
                )
            }
        }
        guard writer != viewer else {
            throw PostgresStoreURL.Invalid(message: "the writer and viewer roles must differ; name two roles")
        }
        self.database = database
        self.writer = writer
        self.viewer = viewer
    }

    /// The roles (created only when missing), run in any database of the cluster as a superuser.
    var roleStatements: [String] {
        [writer, viewer].map { role in
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(role)') THEN CREATE ROLE \(role) LOGIN; END IF; END $$"
        }
    }

    /// Creates the database; outside any transaction, so the apply path runs it only when the database is missing.
    var createDatabase: String { "CREATE DATABASE \(database) OWNER \(writer) ENCODING 'UTF8' TEMPLATE template0" }

    /// Run first in the new database as a superuser: who may connect and create there.
    var accessStatements: [String] {
        [
            "REVOKE ALL ON DATABASE \(database) FROM PUBLIC",
            "GRANT CONNECT, TEMPORARY ON DATABASE \(database) TO \(writer)",
            "GRANT CONNECT ON DATABASE \(database) TO \(viewer)",
            "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
            "GRANT USAGE, CREATE ON SCHEMA public TO \(writer)",
            "GRANT USAGE ON SCHEMA public TO \(viewer)",
        ]
    }

    /// Run last, after the tables exist (made as the writer, who owns them and migrates them later): the viewer
    /// reads every table, including those a later step adds, and inserts only a request's describing columns.
    var grantStatements: [String] {
        let columns = PostgresTeamTables.viewerRequestColumns.joined(separator: ", ")
        return [
            "ALTER DEFAULT PRIVILEGES FOR ROLE \(writer) IN SCHEMA public GRANT SELECT ON TABLES TO \(viewer)",
            "GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(viewer)",
            "GRANT INSERT (\(columns)) ON action_request TO \(viewer)",
        ]
    }

    /// Everything run in the database, in order, as the printed script runs it.
    var databaseStatements: [String] {
        accessStatements + ["SET ROLE \(writer)"] + PostgresMigrations.statements() + ["RESET ROLE"] + grantStatements
    }

    /// The whole set-up as a psql script for a superuser (`psql -v ON_ERROR_STOP=1 -f FILE`).
    public var script: String {
        var lines = [
            "-- billtop team store: database \(database), writer role \(writer), viewer role \(viewer).",
            "-- Run as a PostgreSQL superuser: psql -v ON_ERROR_STOP=1 -d postgres -f THIS_FILE",
            "-- Then give each role a password in psql (never on a command line): \\password \(writer)",
        ]
        lines += roleStatements.map { $0 + ";" }
        lines.append(
            "SELECT '\(createDatabase.replacingOccurrences(of: "'", with: "''"))' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '\(database)')\\gexec"
        )
        lines.append("\\connect \(database)")
        lines += databaseStatements.map { $0 + ";" }
        return lines.joined(separator: "\n") + "\n"
    }
}
