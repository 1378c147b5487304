import ArgumentParser
import BillingActions
import BillingCore
import BillingStore
import BillingSync
import Foundation

/// The options every action command takes: `--yes`, `--dry-run`, `--json`, `--db`, `--source`,
/// `--read-only`, `--config`.
struct ActionOptions: ParsableArguments {
    @Flag(name: .long, help: "Act without a prompt (needed when not on a terminal).") var yes = false
    @Flag(name: .long, help: "Print the exact request (method, URL, body with its token; never the key); send nothing.")
    var dryRun = false
    @Flag(name: .long, help: "Print the outcome as JSON.") var json = false
    @Flag(name: .long, help: "Refuse every action (as BILLTOP_READ_ONLY=1 does).") var readOnly = false
    @Option(
        name: .long, help: "The source to act on (default: the store's only source).",
        completion: CompletionLists.sources)
    var source: String?
    @Option(name: .long, help: "The config file (default: $BILLTOP_CONFIG or ~/.config/billtop/config.toml).")
    var config: String?
    @Option(name: .long, help: "On a team (PostgreSQL) store: seconds to wait for billtop serve's answer.")
    var wait = 30
    @OptionGroup var store: StoreOptions
}

/// The store, the source and the runner an action command works with.
struct ActionSetup {
    let store: BillingStore
    let source: SourceInfo
    let runner: ActionRunner

    /// Opens the store, picks the source, finds its key (config.toml, else `BILLTOP_API_KEY` /
    /// `BILLTOP_TOKEN` for a source registered by a one-off `billtop sync --chargify|--truto`).
    static func make(_ options: ActionOptions) throws -> ActionSetup {
        let environment = ProcessInfo.processInfo.environment
        let path = try options.store.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure("no store at \(path); run `billtop sync` first (or pass --db)", status: .store)
        }
        let store = try CommandStore.open(path: path)
        let sources: [SourceInfo]
        do { sources = try store.sources() } catch { throw StoreOpenError.explain(error, path: path) }
        let source = try choose(options.source, from: sources, in: "the store", empty: "run `billtop sync` first")
        let policy = ActionPolicy.from(flag: options.readOnly, environment: environment)
        let config = try sourceConfig(source, configPath: options.config, environment: environment)
        let transport = URLSessionTransport(idleTimeout: 15, requestTimeout: 60, maxConnectionsPerHost: 1)
        let runner = ActionRunner(store: store, source: source, config: config, transport: transport, policy: policy)
        return ActionSetup(store: store, source: source, runner: runner)
    }

    /// The source `name` names, else the store's only one; `empty` says how a store without sources gets one.
    static func choose(_ name: String?, from sources: [SourceInfo], in store: String, empty: String) throws
        -> SourceInfo
    {
        if let name {
            guard let found = sources.first(where: { $0.name == name }) else {
                throw CommandFailure(
                    "no source named \(TextSanitizer.clean(name)) in \(store); sources: "
                        + sources.map(\.name).joined(separator: ", "), status: .config)
            }
            return found
        }
        guard sources.count == 1, let only = sources.first else {
            throw CommandFailure(
                sources.isEmpty
                    ? "\(store) has no source; \(empty)"
                    : "\(store) has several sources; pass --source (\(sources.map(\.name).joined(separator: ", ")))",
                status: sources.isEmpty ? .store : .usage)
        }
        return only
    }

    /// The source's settings and key: its `[[source]]` in config.toml when there is one with its name,
    /// else a one-off source's variable.
    static func sourceConfig(_ source: SourceInfo, configPath: String?, environment: [String: String]) throws
        -> SourceConfig
    {
        let path = configPath ?? ConfigLoader.defaultPath(environment: environment)
        if FileManager.default.fileExists(atPath: path) {
            let listed = try ConfigLoader.load(path: path, environment: environment, resolveSecrets: false)
            if listed.contains(where: { $0.name == source.name }) {
                // Read again with keys: only now is a key needed, and only a configured one.
                if let config = try ConfigLoader.load(path: path, environment: environment).first(where: {
                    $0.name == source.name
                }) {
                    return config
                }
            }
        } else if configPath != nil {
            throw CommandFailure("\(path): cannot read the file", status: .config)
        }
        let kind = SourceConfig.Kind(rawValue: source.kind) ?? .chargify
        let variable = kind == .chargify ? "BILLTOP_API_KEY" : "BILLTOP_TOKEN"
        guard let secret = environment[variable], !secret.isEmpty else {
            throw CommandFailure(
                "set \(variable) to the \(kind == .chargify ? "Chargify API key" : "Truto API token") of source "
                    + "\(TextSanitizer.clean(source.name)) (it is not in \(path))", status: .config)
        }
        return SourceConfig(
            name: source.name, kind: kind, baseURL: source.baseURL, account: source.account, secret: secret,
            allowInsecureHTTP: true)
    }
}
