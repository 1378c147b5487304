import ArgumentParser
import BillingStore
import Foundation

/// `--db PATH` and `--store URL|PATH` shared by the commands that read or write the store; which store wins is
/// `StoreChoice`'s decision. A read command on a team (PostgreSQL) store reads the viewer's copy of it, caught
/// up first (`TeamCopy`); a command that writes the store itself refuses a PostgreSQL choice in one line.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The store file (default: $XDG_DATA_HOME/billtop/billtop.sqlite).")
    var db: String?

    @Option(
        name: .long,
        help: "The store: a postgres:// URL (no password: use PGPASSWORD) or a file (default: $BILLTOP_STORE).")
    var store: String?

    var path: String { get throws { try StoreChoice.sqlitePath(store: store, db: db) } }

    /// The store this run uses, for a command that can read either engine.
    func choice() throws -> StoreChoice { try StoreChoice.resolve(store: store, db: db) }

    /// The store a read command reads: the SQLite file, or the caught-up copy of a team store.
    func openForReading() async throws -> BillingStore {
        if case .postgres(let url, _) = try choice() { return try await TeamCopy.caughtUp(url) }
        return try open(mustExist: true)
    }

    /// Opens the store; a read command on a missing store says how to fill it.
    func open(mustExist: Bool) throws -> BillingStore {
        let path = try path
        if mustExist && !FileManager.default.fileExists(atPath: path) {
            throw CommandFailure("no store at \(path); run `billtop sync` first (or pass --db)", status: .store)
        }
        // A read command reads a store it cannot write (a read-only file or disk) rather than refuse.
        return try mustExist ? CommandStore.openForReading(path: path) : CommandStore.open(path: path)
    }
}

/// `--json` / `--csv` for the read commands; a readable table otherwise.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON.") var json = false
    @Flag(name: .long, help: "Print CSV (sanitised; formula-safe).") var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
    }
}
