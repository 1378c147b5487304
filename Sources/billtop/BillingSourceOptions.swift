import ArgumentParser
import BillingCore
import BillingStore
import BillingSync
import Foundation

/// A one-off billing source for commands that act without a config (`billtop ghl provision`): `--chargify
/// URL` with `BILLTOP_API_KEY`, or `--truto URL --account ID` with `BILLTOP_TOKEN`, as `billtop sync` takes.
struct BillingSourceOptions: ParsableArguments {
    @Option(help: "One-off Chargify source at this URL (key in BILLTOP_API_KEY).") var chargify: String?
    @Option(help: "One-off Truto source at this URL (token in BILLTOP_TOKEN; needs --account).") var truto: String?
    @Option(help: "Truto integrated account id for --truto.") var account: String?

    func validate() throws {
        if truto != nil && account == nil {
            throw ValidationError("--truto needs --account ID (the integrated account id)")
        }
        if chargify != nil && truto != nil { throw ValidationError("give one of --chargify and --truto") }
    }

    /// The one-off source named `name` (default: its kind), or nil when no flag was given.
    func resolve(name: String?, environment: [String: String]) throws -> SourceConfig? {
        func check(_ url: String, _ flag: String, _ variable: String) throws -> String {
            if let problem = SourceURL.problem(url, allowInsecureHTTP: false) {
                throw CommandFailure(SourceURL.flagMessage(problem, flag: flag, url: url, keyVariable: variable))
            }
            guard let secret = environment[variable], !secret.isEmpty else {
                throw CommandFailure(
                    "set \(variable) to the \(flag == "--chargify" ? "Chargify API key" : "Truto API token") for \(flag)"
                )
            }
            return secret
        }
        if let chargify {
            let key = try check(chargify, "--chargify", "BILLTOP_API_KEY")
            return SourceConfig(name: name ?? "chargify", kind: .chargify, baseURL: chargify, secret: key)
        }
        if let truto, let account {
            let token = try check(truto, "--truto", "BILLTOP_TOKEN")
            return SourceConfig(name: name ?? "truto", kind: .truto, baseURL: truto, account: account, secret: token)
        }
        return nil
    }

    /// Syncs the one-off source into the store at `path` (so the links see every existing customer and the
    /// source is registered for the journal); one line on failure.
    static func sync(_ source: SourceConfig, storePath: String) async throws {
        let db = try CommandStore.open(path: storePath)
        let runner: SyncRunner
        do { runner = try SyncRunner(store: db, sources: [source]) } catch {
            throw StoreOpenError.explain(error, path: db.path)
        }
        let result = await runner.runOnce(full: false, sourceName: nil)
        guard result.ok else {
            let first = result.failures.first.map { "\($0.stream): \($0.error)" } ?? ""
            throw CommandFailure(
                "\(TextSanitizer.clean(source.name)): the billing sync failed (\(TextSanitizer.clean(first))); "
                    + "nothing was provisioned: run again when `billtop sync` works")
        }
    }
}
