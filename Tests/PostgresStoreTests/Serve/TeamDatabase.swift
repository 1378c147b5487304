import BillingStore

/// A team store set up as `billtop store init-postgres` does, on the test cluster: its database, writer and
/// viewer roles with passwords, and the URLs a serve and a viewer are given (passwords in PGPASSWORD).
struct TeamDatabase {
    let setup: PostgresSetup
    let writerURL: String
    let viewerURL: String
    static let writerPassword = "writer-pw"
    static let viewerPassword = "viewer-pw"

    static func make(_ label: String) async throws -> TeamDatabase {
        let cluster = try PostgresTestCluster.shared()
        let setup = try PostgresRoleTests.setup(label)
        _ = try await setup.apply(as: cluster.adminURL())
        try await AdminSQL.execute(
            cluster.adminURL(),
            [
                "ALTER ROLE \(setup.writer) PASSWORD '\(writerPassword)'",
                "ALTER ROLE \(setup.viewer) PASSWORD '\(viewerPassword)'",
            ])
        return TeamDatabase(
            setup: setup, writerURL: "postgres://\(setup.writer)@127.0.0.1:\(cluster.port)/\(setup.database)",
            viewerURL: "postgres://\(setup.viewer)@127.0.0.1:\(cluster.port)/\(setup.database)")
    }
}
