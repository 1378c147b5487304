import ArgumentParser
import BillingCore
import BillingStore
import BillingSync
import Foundation

/// How a command finds its GHL location: `--ghl URL --location ID` with `BILLTOP_GHL_TOKEN` (one-off), else
/// the `[[source]] kind = "ghl"` of config.toml (`--ghl-source NAME` when there are several).
struct GHLSourceOptions: ParsableArguments {
    @Option(name: .long, help: "One-off GHL API base URL (token in BILLTOP_GHL_TOKEN; needs --location).")
    var ghl: String?
    @Option(name: .long, help: "The GHL location id for --ghl.") var location: String?
    @Option(name: .long, help: "The ghl [[source]] of config.toml to use (default: the only one).")
    var ghlSource: String?

    func validate() throws {
        if ghl != nil && location == nil { throw ValidationError("--ghl needs --location ID (the GHL location id)") }
    }

    /// The location to use; nil when none is given or configured.
    func resolve(configPath: String?, environment: [String: String]) throws -> GHLSource? {
        if let ghl, let location {
            if let problem = SourceURL.problem(ghl, allowInsecureHTTP: false) {
                throw CommandFailure(
                    SourceURL.flagMessage(problem, flag: "--ghl", url: ghl, keyVariable: "BILLTOP_GHL_TOKEN"))
            }
            guard let token = environment["BILLTOP_GHL_TOKEN"], !token.isEmpty else {
                throw CommandFailure("set BILLTOP_GHL_TOKEN to the GHL private integration token for --ghl")
            }
            return GHLSource(name: "ghl", baseURL: ghl, locationID: location, secret: token)
        }
        let path = configPath ?? ConfigLoader.defaultPath(environment: environment)
        let sources = try ConfigLoader.loadGHL(path: path, environment: environment)
        if let ghlSource {
            guard let found = sources.first(where: { $0.name == ghlSource }) else {
                throw CommandFailure("no ghl source named \(TextSanitizer.clean(ghlSource)) in \(path)")
            }
            return found
        }
        guard sources.count <= 1 else {
            throw CommandFailure(
                "\(path) has several ghl sources; pass --ghl-source (\(sources.map(\.name).joined(separator: ", ")))")
        }
        return sources.first
    }

    /// As `resolve`, but a location is required.
    func require(configPath: String?, environment: [String: String]) throws -> GHLSource {
        guard let source = try resolve(configPath: configPath, environment: environment) else {
            throw CommandFailure(
                "no GHL location: pass --ghl URL --location ID (token in BILLTOP_GHL_TOKEN) or add a "
                    + "[[source]] with kind = \"ghl\" to config.toml")
        }
        return source
    }
}

/// Runs one GHL sync and prints its one-line summary (used by `billtop sync` and `billtop ghl provision`).
enum GHLSyncRun {
    static func run(_ source: GHLSource, store: BillingStore, full: Bool) async throws -> GHLSync.Result {
        let client = GHLClient(source: source, transport: URLSessionTransport(), store: store)
        do {
            return try await GHLSync(store: store, client: client).run(full: full)
        } catch {
            throw CommandFailure(
                "GHL \(TextSanitizer.clean(source.name)): \(TextSanitizer.clean(String(describing: error)))")
        }
    }

    static func summary(_ source: GHLSource, _ result: GHLSync.Result) -> String {
        "GHL \(TextSanitizer.clean(source.name)): \(result.contacts) contacts in \(result.pages) page(s), "
            + "\(result.users) users, notes and tasks of \(result.activityContacts) linked contacts, "
            + "\(result.requests) requests"
    }
}

extension GHLSyncRun {
    /// `billtop sync --ghl URL --location ID`: the location's contacts, users, notes and tasks into the store.
    static func syncOnly(_ options: GHLSourceOptions, _ command: SyncCommand, _ environment: [String: String])
        async throws
    {
        guard let source = try options.resolve(configPath: command.config, environment: environment) else { return }
        let db = try command.store.open(mustExist: false)
        let result = try await run(source, store: db, full: command.full)
        print(summary(source, result))
    }
}
