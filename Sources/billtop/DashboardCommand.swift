import ArgumentParser
import BillingActions
import BillingCore
import BillingStore
import BillingSync
import BilltopApp
import CursesTerminal
import Foundation
import Logging
import Sandbox
import TUIKit

/// `billtop` / `billtop dashboard`: the live dashboard. `--demo` runs the sandbox in-process and syncs it
/// into a temporary store in the background, so the screen opens at once and fills as data arrives.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "Open the dashboard (the default).")

    @Flag(help: "Run a local sandbox company (ticking live) and show it; needs no account.")
    var demo = false

    // 600 customers (~8k invoices) sync in well under a minute even in a debug build, so a newcomer's
    // `swift run billtop --demo` fills every pane quickly; larger companies are one flag away.
    @Option(help: "Customers in the demo company (the first sync of 2,000 takes minutes in a debug build).")
    var demoCustomers = 600

    @Option(
        help: "Theme name (dark, light, high-contrast, monochrome) or a .toml path.", completion: CompletionLists.themes
    )
    var theme: String?

    @Option(help: "The store to read (default $XDG_DATA_HOME/billtop/billtop.sqlite).")
    var db: String?

    @Option(
        help:
            "The store: a postgres:// URL opens a team store's copy, following billtop serve (no password: use PGPASSWORD), or a file (default: $BILLTOP_STORE)."
    )
    var store: String?

    @Option(
        help:
            "The config file whose sources are synced in the background (default: $BILLTOP_CONFIG or $XDG_CONFIG_HOME/billtop/config.toml)."
    )
    var config: String?

    @Flag(help: "Only read the store; do not sync the configured sources (e.g. while `billtop sync --watch` runs).")
    var noSync = false

    @Option(help: "Seconds between background syncs in the demo.")
    var syncInterval = 5.0

    @Flag(help: "Refuse every action (as BILLTOP_READ_ONLY=1 does): the action menu shows why.")
    var readOnly = false

    func validate() throws {
        guard demoCustomers >= 1, demoCustomers <= 200_000 else {
            throw ValidationError("--demo-customers must be between 1 and 200000")
        }
        guard syncInterval >= 1 else { throw ValidationError("--sync-interval must be at least 1 second") }
        if demo, db != nil || store != nil {
            throw ValidationError("--demo uses a temporary store; drop --db/--store or --demo")
        }
        if demo, config != nil { throw ValidationError("--demo syncs its own sandbox; drop --config or --demo") }
    }

    func run() async throws { try await launch { _, _ in .dashboard } }

    /// Checks everything, opens the store, asks `startPoint` where to open (it may refuse in one line: the
    /// terminal is not taken yet), then runs the screen. `billtop open` is this with a resolver.
    func launch(startPoint: (BillingStore, [SourceConfig]) throws -> StartPoint) async throws {
        let environment = ProcessInfo.processInfo.environment
        // Everything that can fail with a message is checked before the terminal is taken over.
        let chosenTheme: Theme
        do {
            chosenTheme = try ThemeLoader(environment: environment).load(theme ?? "dark")
        } catch {
            throw CommandFailure(TextSanitizer.clean(String(describing: error)), status: .config)
        }
        // The terminal is checked before anything starts: a sandbox stopped mid-request would only add noise.
        let term = environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" {
            throw CommandFailure(
                "TERM=\(term.isEmpty ? "(unset)" : term) cannot draw the dashboard; run billtop in a terminal such as xterm-256color or tmux",
                status: .usage)
        }
        // A config that exists (or is named) must be valid, and its keys readable, before anything is drawn.
        let configPath = config ?? ConfigLoader.defaultPath(environment: environment)
        var sources: [SourceConfig] = []
        var settings = MetricsSettings.standard
        var ghlSources: [GHLSource] = []
        // A team store's viewer never syncs and holds no key: the configured sources are serve's business.
        let teamURL: PostgresStoreURL? =
            if !demo,
                case .postgres(let url, _) = try StoreChoice.resolve(store: store, db: db, environment: environment)
            { url } else { nil }
        let hasConfig =
            config != nil || environment["BILLTOP_CONFIG"] != nil || FileManager.default.fileExists(atPath: configPath)
        if teamURL != nil, hasConfig { settings = try ConfigLoader.loadMetricsSettings(path: configPath) }
        if !demo, teamURL == nil, hasConfig {
            // A bad file throws ConfigError, which prints as one line.
            sources = try ConfigLoader.load(path: configPath, environment: environment, resolveSecrets: !noSync)
            settings = try ConfigLoader.loadMetricsSettings(path: configPath)
            // Without syncing, the locations still carry CRM writes when their tokens can be read.
            ghlSources =
                noSync
                ? ((try? ConfigLoader.loadGHL(path: configPath, environment: environment)) ?? [])
                : try ConfigLoader.loadGHL(path: configPath, environment: environment)
        }
        let now: @Sendable () -> Timestamp = { Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)) }

        var setup: DashboardSetup
        if demo {
            setup = try await DashboardSetup.demo(customers: demoCustomers, interval: syncInterval, now: now())
        } else if let teamURL {
            setup = try await DashboardSetup.team(teamURL, environment: environment)
        } else {
            let path = try StoreChoice.sqlitePath(store: store, db: db, environment: environment)
            setup = try DashboardSetup.configured(path: path, sources: noSync ? [] : sources, environment: environment)
            if noSync { setup.ghlWriters = ghlSources } else { setup.ghlSources = ghlSources }
        }
        do {
            let start = try startPoint(setup.store, sources)
            try await show(
                setup, start: start, theme: chosenTheme, settings: settings, environment: environment, now: now)
        } catch {
            setup.demoDirectory?.remove()
            throw error
        }
        // The terminal is restored. Leave now: a normal return sometimes hung in process exit while the
        // in-process server's and fetcher's threads were still busy (seen in the tmux test).
        setup.demoDirectory?.remove()
        fflush(nil)
        _exit(0)
    }

    /// Runs the screen until the user quits, with the background tasks beside it; stops them afterwards.
    func show(
        _ setup: DashboardSetup, start: StartPoint, theme chosenTheme: Theme, settings: MetricsSettings,
        environment: [String: String],
        now: @escaping @Sendable () -> Timestamp
    ) async throws {
        let store = setup.store
        let driver = setup.driver
        // Panes read the store through indexed queries and the metrics aggregates. The refresher recomputes
        // stale aggregates off the UI thread (it starts dirty): at 100k customers that took 2.65 s, which the
        // first frame used to wait for; it now draws the last refresh's totals and redraws when it is done.
        let data = StoreDashboardData(store: store, settings: settings)
        data.deferFirstRefresh()
        let events = EventQueue()
        let refresher = SnapshotRefresher(store: store, data: data, events: events, clock: now)
        var tasks: [Task<Void, Never>] = [
            Task { await refresher.watchStore() },
            Task { await refresher.run() },
        ]
        if let driver { tasks.append(Task { await driver.run() }) }
        if let progress = setup.progress { tasks.append(Task { await refresher.followProgress(progress) }) }
        let crm = GHLDriver(
            store: store, sources: setup.ghlSources, transport: URLSessionTransport(),
            waitForCustomers: setup.ghlWaitForCustomers)
        tasks.append(
            Task { await crm.run(changed: { events.post(.storeChanged) }, failed: { events.post(.failed($0)) }) })

        let desk: any ActionPerforming
        if let team = setup.team {
            let follower = TeamCopyFollower(
                replica: team, data: data, events: events, settings: settings, clock: now)
            tasks.append(Task { await follower.run(changed: { refresher.markDirty() }) })
            desk = TeamActionDesk(
                url: team.team.url, sources: (try? store.sources().map(\.name)) ?? [],
                readOnly: ActionPolicy.from(flag: readOnly, environment: environment))
        } else {
            desk = DashboardActions.desk(
                store: store, known: setup.actionSources, ghl: setup.ghlSources + setup.ghlWriters,
                configPath: config, readOnly: readOnly, environment: environment)
        }
        let exportDirectory = FileManager.default.currentDirectoryPath
        let demoDirectory = setup.demoDirectory
        let onSyncNow: @Sendable () -> Void = { [driver] in
            driver?.requestSync()
            refresher.markDirty()
        }
        // Curses is not thread-safe and the loop blocks: it gets a thread of its own, off the Swift pool.
        let outcome: Result<Void, any Error> = await withCheckedContinuation { continuation in
            let thread = Thread {
                do {
                    let terminal = try CursesTerminal(theme: chosenTheme, environment: environment)
                    demoDirectory?.guardSignals()  // in front of the terminal's own handlers
                    defer { terminal.teardown() }
                    let loop = DashboardLoop(
                        data: data, terminal: terminal, clock: now, exportDirectory: exportDirectory, events: events,
                        onSyncNow: onSyncNow, start: start, actions: desk)
                    try loop.run()
                } catch {
                    continuation.resume(returning: .failure(error))
                    return
                }
                continuation.resume(returning: .success(()))
                // Quitting must not depend on the Swift pool: while a first sync and an aggregate refresh
                // hold both of its threads in SQLite (seen on the loaded 2-core machine), the task that
                // resumes above can wait for many seconds. The terminal is already restored; leave.
                Thread.sleep(forTimeInterval: 3)
                demoDirectory?.remove()
                fflush(nil)
                _exit(0)
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        for task in tasks { task.cancel() }
        setup.demoDirectory?.guardSignals()  // teardown put the default handlers back
        // The sandbox shuts down gracefully (in-flight requests finish); never wait more than 2 s for it,
        // the terminal is already the user's again.
        // A task group would wait for its slowest child (stop() is not cancellable), so poll a flag instead.
        if let sandbox = setup.sandbox {
            let stopped = StopFlag()
            Task {
                await sandbox.stop()
                stopped.set()
            }
            for _ in 0..<40 where !stopped.isSet { try? await Task.sleep(for: .milliseconds(50)) }
        }
        if case .failure(let error) = outcome {
            throw CommandFailure(TextSanitizer.clean(String(describing: error)))
        }
    }
}
