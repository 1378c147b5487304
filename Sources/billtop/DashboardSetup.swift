import BillingCore
import BillingStore
import BillingSync
import BilltopApp
import Foundation
import Logging
import Sandbox

/// What the dashboard runs beside the screen: the store it reads, and (for the demo or configured
/// sources) the fetcher that fills it in the background, with its progress for the header.
struct DashboardSetup: Sendable {
    var store: BillingStore
    var driver: SyncDriver?
    var progress: AsyncStream<SyncProgress>?
    var sandbox: SandboxServer?
    var demoDirectory: DemoDirectory?
    /// Sources whose keys are known already (the demo's sandbox; configured sources when syncing).
    var actionSources: [SourceConfig] = []
    /// GHL locations synced beside the billing sources (the demo's CRM; configured `kind = "ghl"` sources).
    var ghlSources: [GHLSource] = []
    /// GHL locations that only write (notes, tasks) because the dashboard does not sync (`--no-sync`).
    var ghlWriters: [GHLSource] = []
    /// The demo waits for its customers before its first CRM sync (notes and tasks are read for linked contacts).
    var ghlWaitForCustomers: Int?
    /// On a team store: the copy the screen reads and the team store it follows (no fetcher, no key).
    var team: TeamReplica?

    /// `--demo`: a sandbox company in-process (ticking live), synced into a temporary store.
    static func demo(customers: Int, interval: Double, now: Timestamp) async throws -> DashboardSetup {
        let directory = try DemoDirectory()
        directory.guardSignals()
        do {
            let store = try CommandStore.open(path: directory.storePath)
            let configuration = SandboxConfiguration(customers: customers, now: now)
            let server = try await SandboxServer.start(configuration)
            server.startTicking(every: 1)
            let source = SourceConfig(
                name: "demo", kind: .chargify, baseURL: server.baseURL, secret: "sandbox",
                intervalSeconds: Int(interval))
            let quiet = Logger(label: "billtop.dashboard", factory: { _ in SwiftLogNoOpLogHandler() })
            let runner = try SyncRunner(store: store, sources: [source], logger: quiet)
            return DashboardSetup(
                store: store, driver: SyncDriver(runner: runner, interval: interval), progress: runner.progress,
                sandbox: server, demoDirectory: directory, actionSources: [source],
                ghlSources: [
                    GHLSource(
                        name: "demo-crm", baseURL: server.baseURL, locationID: configuration.ghlLocationID,
                        secret: configuration.ghlToken, intervalSeconds: 30, allowInsecureHTTP: true)
                ], ghlWaitForCustomers: customers)
        } catch {
            directory.remove()
            throw error
        }
    }

    /// A team store (`--store postgres://...`): the viewer's copy, checked to be of this store and with its
    /// sources registered before the screen opens; the dashboard follows the team store from there.
    static func team(_ url: PostgresStoreURL, environment: [String: String]) async throws -> DashboardSetup {
        let (team, copy) = try await TeamCopy.open(url, environment: environment)
        let replica = TeamReplica(team: team, copy: copy, batch: 2_000)
        do { try await replica.prepare() } catch {
            await team.close()
            throw CommandFailure(TextSanitizer.clean(String(describing: error)), status: .store)
        }
        return DashboardSetup(store: copy, team: replica)
    }

    /// The store at `path`, synced in the background from every configured source at its own interval
    /// (none: the dashboard only reads, e.g. while `billtop sync --watch` runs elsewhere).
    static func configured(path: String, sources: [SourceConfig], environment: [String: String]) throws
        -> DashboardSetup
    {
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && sources.isEmpty {
            throw CommandFailure(
                "no store at \(path): add a source to config.toml (`billtop config init`), run `billtop sync`, pass --db PATH, or try `billtop --demo`",
                status: .store)
        }
        let store = try CommandStore.open(path: path, environment: environment)
        guard !sources.isEmpty else {
            guard try !store.sources().isEmpty else {
                throw CommandFailure(
                    "the store at \(path) has no sources yet: run `billtop sync` first, or try `billtop --demo`",
                    status: .store)
            }
            return DashboardSetup(store: store)
        }
        let logPath = FileLogHandler.defaultPath(environment: environment)
        let secrets = sources.map(\.secret)
        let level = FileLogHandler.level(environment: environment)
        let logger = Logger(label: "billtop.dashboard") { label in
            FileLogHandler(label: label, path: logPath, secrets: secrets, level: level)
        }
        let runner: SyncRunner
        do { runner = try SyncRunner(store: store, sources: sources, logger: logger) } catch {
            let explained = StoreOpenError.explain(error, path: path)
            throw CommandFailure(
                "\(explained.message) (or open the dashboard without syncing: billtop --no-sync)", status: .store)
        }
        return DashboardSetup(
            store: store, driver: SyncDriver(runner: runner, schedules: SyncDriver.schedules(for: sources)),
            progress: runner.progress, actionSources: sources)
    }
}
