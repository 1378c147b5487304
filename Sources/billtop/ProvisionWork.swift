import BillingActions
import BillingCore
import BillingStore
import BillingSync
import Foundation

/// The store and the runner `billtop ghl provision` works with: one person's SQLite store (`ActionSetup`), or the
/// team store, where the command runs as serve does, with the key of serve's config.toml (or `BILLTOP_API_KEY`),
/// never a viewer's. Its creates and field updates are journalled in the team store, where every copy sees them.
struct ProvisionWork: Sendable {
    let store: any CRMActionReads
    let runner: ActionRunner
    /// Where the GHL client logs its requests (SQLite's sync log; a team store's serve keeps its own).
    let requestLog: BillingStore?
    let close: @Sendable () async -> Void

    /// The team store's side: its billing source (serve syncs it; a one-off `--chargify` source is refused, since
    /// the customers it would read first are the store's), the source's key, and the runner.
    static func team(
        _ url: PostgresStoreURL, options: ActionOptions, billing: BillingSourceOptions, environment: [String: String]
    ) async throws -> ProvisionWork {
        if try billing.resolve(name: options.source, environment: environment) != nil {
            throw CommandFailure(
                "on a team store the billing source is the store's (billtop serve syncs it): drop --chargify/--truto and give its key in config.toml (--config)",
                status: .usage)
        }
        let store: PostgresStore
        do { store = try await PostgresStore.open(url) } catch let refused as PostgresStoreError {
            throw CommandFailure(refused.message, status: .store)
        }
        do {
            let sources = try await store.sources().filter { $0.kind != PostgresServeWork.crmKind }
            let source = try ActionSetup.choose(
                options.source, from: sources, in: "the team store", empty: "start billtop serve, which syncs it")
            let config = try ActionSetup.sourceConfig(source, configPath: options.config, environment: environment)
            let runner = ActionRunner(
                store: store, source: source, config: config,
                transport: URLSessionTransport(idleTimeout: 15, requestTimeout: 60, maxConnectionsPerHost: 1),
                policy: ActionPolicy.from(flag: options.readOnly, environment: environment))
            return ProvisionWork(store: store, runner: runner, requestLog: nil, close: { await store.close() })
        } catch {
            await store.close()
            if let refused = error as? PostgresStoreError { throw CommandFailure(refused.message, status: .store) }
            throw error
        }
    }
}
