import PostgresNIO

extension PostgresSetup {
    /// Applies the set-up as the superuser `admin` names (its database is where the roles and the new database
    /// are created, usually `postgres`). Re-running it changes nothing already there: roles and the database are
    /// created only when missing, the migrations only add what the store lacks, and grants repeat harmlessly.
    /// Returns what it did, one line each.
    public func apply(as admin: PostgresStoreURL) async throws -> [String] {
        var done: [String] = []
        let maintenance = PostgresStore(url: admin, connection: try await PostgresConnector.connect(admin))
        do {
            let roles = roleStatements
            let create = createDatabase
            let name = database
            let created = try await maintenance.serially("create the roles and the database") { connection in
                for statement in roles {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresConnector.silent)
                }
                let rows = try await connection.query(
                    "SELECT count(*) FROM pg_database WHERE datname = \(name)", logger: PostgresConnector.silent)
                var present = false
                for try await count in rows.decode(Int.self) { present = count > 0 }
                if present { return false }
                try await connection.query(PostgresQuery(unsafeSQL: create), logger: PostgresConnector.silent)
                return true
            }
            done.append("roles \(writer) (writer) and \(viewer) (viewer): present")
            done.append(created ? "database \(database): created, owned by \(writer)" : "database \(database): kept")
        } catch {
            await maintenance.close()
            throw error
        }
        await maintenance.close()

        let target = admin.with(database: database)
        let store = PostgresStore(url: target, connection: try await PostgresConnector.connect(target))
        do {
            let access = accessStatements + ["SET ROLE \(writer)"]
            let grants = ["RESET ROLE"] + grantStatements
            try await store.transaction("set up the tables and grants") { connection in
                for statement in access {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresConnector.silent)
                }
                try await PostgresStore.migrate(connection, url: target, upTo: PostgresMigrations.all.count)
                for statement in grants {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresConnector.silent)
                }
            }
        } catch {
            await store.close()
            throw error
        }
        await store.close()
        done.append("tables: migrated to \(PostgresMigrations.all.last!.name) as \(writer)")
        done.append("\(viewer): SELECT on every table, INSERT only into action_request")
        return done
    }
}
