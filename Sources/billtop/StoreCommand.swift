import ArgumentParser
import BillingStore
import Foundation

/// `billtop store init-postgres`: the team store's set-up (issue 18); `billtop store compact`: a store file's free
/// space given back.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Set up a team store on PostgreSQL, or compact a store file.",
        subcommands: [InitPostgres.self, StoreCompactCommand.self])

    struct InitPostgres: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init-postgres",
            abstract: "Print (or apply as a superuser) the SQL for a team store's database and roles.",
            discussion: """
                Prints a psql script that creates the database (owned by the writer role, which `billtop serve` \
                uses), its tables, and a viewer role that can read every table and can only insert action \
                requests. Run it with `psql -v ON_ERROR_STOP=1 -d postgres -f FILE` as a superuser, or pass \
                --apply with a superuser's URL (its password in PGPASSWORD, never on the command line). Then set \
                each role's password in psql with \\password ROLE.
                """)

        @Option(help: "The database to create.") var database = "billtop"
        @Option(help: "The role that writes (billtop serve).") var writer = "billtop_writer"
        @Option(help: "The read-only role for viewers.") var viewer = "billtop_viewer"
        @Option(help: "Apply it now, as this superuser: postgres://USER@HOST:PORT/postgres (password: PGPASSWORD).")
        var apply: String?

        func run() async throws {
            let setup: PostgresSetup
            do { setup = try PostgresSetup(database: database, writer: writer, viewer: viewer) } catch {
                throw CommandFailure(error.message, status: .usage)
            }
            guard let apply else {
                print(setup.script, terminator: "")
                return
            }
            let choice = try StoreChoice.resolve(store: apply, db: nil)
            guard case .postgres(let admin, _) = choice else {
                throw CommandFailure("--apply takes a postgres:// URL of a superuser", status: .usage)
            }
            let done: [String]
            do { done = try await setup.apply(as: admin) } catch let refused as PostgresStoreError {
                throw CommandFailure(refused.message, status: .store)
            }
            for line in done { print(line) }
            print("next: set each role's password in psql (\\password \(writer), \\password \(viewer))")
        }
    }
}
