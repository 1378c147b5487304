import ArgumentParser
import BillingCore
import BillingStore
import Foundation

/// `billtop status [--json]`: each source's health (`SourceHealth`) from the store: per stream the last
/// success, staleness and records; requests this hour and today against the known limits, rate-limit waits,
/// the error rate with the last errors, unfinished journal actions. Exits 1 when a source is failing, so cron
/// and monitoring can call it; a stale source is reported and exits 0.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show each source's sync health; exit 1 when one is failing.")

    @Flag(name: .long, help: "Print JSON.") var json = false
    @Option(name: .long, help: "Call a source stale after this many minutes without a successful sync.")
    var staleAfter = 120
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if staleAfter < 1 { throw ValidationError("--stale-after takes minutes, at least 1") }
    }

    func run() async throws {
        let db = try await store.openForReading()
        let now = Int64(Date().timeIntervalSince1970)
        let health: [SourceHealth]
        do { health = try db.sourceHealth(now: now, staleAfterSeconds: Int64(staleAfter) * 60) } catch {
            throw CommandFailure("cannot read the sync state of \(db.path): \(error)")
        }
        print(json ? StatusReport.json(health) : StatusReport.text(health, now: now))
        // A store that freed much (a team copy that dropped its JSON) keeps its size until asked: say how.
        if !json, let space = try? db.space(), space.worthCompacting {
            print(
                "\(db.path): \(StoreSpace.describe(space.freeBytes)) of its \(StoreSpace.describe(space.bytes)) is free; `billtop store compact` gives it back to the disk"
            )
        }
        if health.contains(where: { $0.level == .failing }) { throw ExitCode(1) }
    }
}
