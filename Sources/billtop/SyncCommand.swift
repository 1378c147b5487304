import ArgumentParser
import BillingCore
import BillingStore
import BillingSync
import Foundation
import Logging

/// `billtop sync`: fetch every configured source (or one-off sources given by flags) into the store.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Fetch billing data into the local store.")

    @Flag(help: "Run once and exit (the default).") var once = false
    @Flag(help: "Run again every source's interval until interrupted.") var watch = false
    @Flag(help: "A complete listing of every stream; tombstones records missing upstream.") var full = false
    @Option(help: "Only the source with this name.", completion: CompletionLists.sources) var source: String?
    @Option(help: "One-off Chargify source at this URL (key in BILLTOP_API_KEY).") var chargify: String?
    @Option(help: "One-off Truto source at this URL (token in BILLTOP_TOKEN; needs --account).") var truto: String?
    @Option(help: "Truto integrated account id for --truto.") var account: String?
    @Flag(
        help: "Let --chargify/--truto use plain http:// to a host that is not loopback (the key travels unencrypted).")
    var allowInsecureHTTP = false
    @Option(help: "The config file (default: $BILLTOP_CONFIG or $XDG_CONFIG_HOME/billtop/config.toml).") var config:
        String?
    @Option(help: "Seconds between runs with --watch (default: the sources' interval).") var interval: Double?
    @Option(help: "Records per page (1-200).") var pageSize: Int?
    @OptionGroup var store: StoreOptions
    @OptionGroup var ghlOptions: GHLSourceOptions

    func validate() throws {
        if once && watch { throw ValidationError("choose one of --once and --watch") }
        if truto != nil && account == nil {
            throw ValidationError("--truto needs --account ID (the integrated account id)")
        }
        if chargify != nil && truto != nil { throw ValidationError("give one of --chargify and --truto") }
        if allowInsecureHTTP && chargify == nil && truto == nil {
            throw ValidationError(
                "--allow-insecure-http goes with --chargify or --truto; in config.toml write allow_insecure_http = true"
            )
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        // A one-off GHL location (`--ghl URL --location ID`) is synced on its own.
        if ghlOptions.ghl != nil {
            if case .postgres = try store.choice() {
                // Serve holds the location's token and leads its rounds; a second writer would race it.
                throw CommandFailure(
                    "on a team store billtop serve syncs GHL locations: add this one to serve's config.toml ([[source]] kind = \"ghl\") and restart serve",
                    status: .usage)
            }
            return try await GHLSyncRun.syncOnly(ghlOptions, self, environment)
        }
        var sources = try resolveSources(environment: environment)
        if let pageSize {
            sources = sources.map {
                var s = $0; s.pageSize = max(1, min(pageSize, 200)); return s
            }
        }
        if let source {
            guard sources.contains(where: { $0.name == source }) else {
                throw CommandFailure(
                    "no source named \(TextSanitizer.clean(source)); sources: \(sources.map(\.name).joined(separator: ", "))",
                    status: .config)
            }
        }
        let logPath = FileLogHandler.defaultPath(environment: environment)
        let secrets = sources.map(\.secret)
        let level = FileLogHandler.level(environment: environment)
        let logger = Logger(label: "billtop.sync") { label in
            FileLogHandler(label: label, path: logPath, secrets: secrets, level: level)
        }
        if case .postgres(let url, _) = try store.choice() {
            return try await syncPostgres(url, sources: sources, logger: logger)
        }
        let db = try store.open(mustExist: false)
        let runner: SyncRunner
        do { runner = try SyncRunner(store: db, sources: sources, logger: logger) } catch {
            throw StoreOpenError.explain(error, path: db.path)  // e.g. locked by another writer: one line, a way out
        }
        // A one-off run reports each failure once at the end; a watch has no end, so its display reports them.
        let display = ProgressDisplay(
            isTerminal: isatty(STDERR_FILENO) == 1, showsFailures: watch, estimates: { runner.firstSyncEstimates() })
        let printer = Task { for await event in runner.progress { display.show(event) } }
        defer { printer.cancel() }
        // Configured GHL locations sync with the billing sources (a one-off --chargify/--truto run has none).
        let crm = try configuredGHL(environment: environment)
        if watch {
            // The CRM side follows on its own interval: each round syncs the GHL locations, then makes the
            // dunning tasks when `[crm] dunning_tasks` is on (journalled, so a round never repeats one).
            let configPath = config ?? ConfigLoader.defaultPath(environment: environment)
            let pause = interval ?? Double(crm.map(\.intervalSeconds).min() ?? 300)
            let crmTask = Task {
                guard !crm.isEmpty else { return }
                while !Task.isCancelled {
                    let round = await CRMAfterSync.run(
                        configPath: configPath, environment: environment, store: db, full: false)
                    for line in round.lines { FileHandle.standardError.write(Data((line + "\n").utf8)) }
                    try? await Task.sleep(nanoseconds: UInt64(max(1, pause) * 1e9))
                }
            }
            defer { crmTask.cancel() }
            await runner.watch(interval: interval, full: full, sourceName: source)
            return
        }
        let logMark = (try? db.lastSyncLogID()) ?? 0
        let result = await runner.runOnce(full: full, sourceName: source)
        // Let the display drain the last events before the summary.
        try? await Task.sleep(nanoseconds: 50_000_000)
        display.finish()
        let flagLog = (try? db.syncLog(after: logMark)) ?? []
        let report = RunReport(result: result, flagLog: flagLog)
        for line in report.failureLines { FileHandle.standardError.write(Data((line + "\n").utf8)) }
        print(report.summary)
        // The CRM side follows a configured run (its GHL locations, then dunning tasks when enabled); a one-off
        // --chargify/--truto run is the billing source alone.
        let crmRun =
            chargify == nil && truto == nil
            ? await CRMAfterSync.run(
                configPath: config ?? ConfigLoader.defaultPath(environment: environment), environment: environment,
                store: db, full: full) : (lines: [], failed: false)
        for line in crmRun.lines { print(line) }
        // A cron job branches on the cause (`ExitStatus`): store, key, config, nothing fetched, or partial (a CRM
        // location that failed beside billing sources that did not is partial too).
        let attempted = sources.filter { source == nil || $0.name == source }.reduce(0) { $0 + $1.streams.count }
        var status = ExitStatus.of(sync: result, streams: attempted)
        if status == .success && crmRun.failed { status = .partialSync }
        if status != .success { throw ExitCode(status.rawValue) }
    }

    /// The config's GHL locations, when the run is the config's (not a one-off flag) and not limited to a
    /// billing source by --source: `--watch` keeps them fresh beside the billing sources.
    func configuredGHL(environment: [String: String]) throws -> [GHLSource] {
        guard chargify == nil, truto == nil else { return [] }
        let path = config ?? ConfigLoader.defaultPath(environment: environment)
        let locations = try ConfigLoader.loadGHL(path: path, environment: environment)
        guard let source else { return locations }
        return locations.filter { $0.name == source }
    }

    func resolveSources(environment: [String: String]) throws -> [SourceConfig] {
        if let chargify {
            try checkFlagURL(chargify, flag: "--chargify", keyVariable: "BILLTOP_API_KEY")
            guard let key = environment["BILLTOP_API_KEY"], !key.isEmpty else {
                throw CommandFailure("set BILLTOP_API_KEY to the Chargify API key for --chargify", status: .config)
            }
            return [
                SourceConfig(
                    name: source ?? "chargify", kind: .chargify, baseURL: chargify, secret: key,
                    allowInsecureHTTP: allowInsecureHTTP)
            ]
        }
        if let truto, let account {
            try checkFlagURL(truto, flag: "--truto", keyVariable: "BILLTOP_TOKEN")
            guard let token = environment["BILLTOP_TOKEN"], !token.isEmpty else {
                throw CommandFailure("set BILLTOP_TOKEN to the Truto API token for --truto", status: .config)
            }
            return [
                SourceConfig(
                    name: source ?? "truto", kind: .truto, baseURL: truto, account: account, secret: token,
                    allowInsecureHTTP: allowInsecureHTTP)
            ]
        }
        let path = config ?? ConfigLoader.defaultPath(environment: environment)
        // ConfigError is thrown as is: ArgumentParser prints it as one line (a ValidationError adds the usage).
        let sources = try ConfigLoader.load(path: path, environment: environment)
        guard !sources.isEmpty else { throw ConfigError("\(path) has no [[source]]; see `billtop config init`") }
        return sources
    }

    /// A one-off source's URL meets the rules a configured one does (`SourceURL`), before any key is read out.
    func checkFlagURL(_ url: String, flag: String, keyVariable: String) throws {
        if let problem = SourceURL.problem(url, allowInsecureHTTP: allowInsecureHTTP) {
            throw CommandFailure(
                SourceURL.flagMessage(problem, flag: flag, url: url, keyVariable: keyVariable), status: .usage)
        }
    }
}
