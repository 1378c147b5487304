import BillingActions
import BillingCore
import BillingStore
import BillingSync
import BilltopApp
import Foundation

/// The dashboard's action desk: every source it knows (configured, or in the store from a one-off sync) with
/// its key when there is one, the line that says how to give it one when not, and the read-only switches.
/// A source without a key does not stop the others from acting. The GHL locations synced beside them carry
/// the CRM writes (notes, tasks).
enum DashboardActions {
    static func desk(
        store: BillingStore, known: [SourceConfig], ghl: [GHLSource] = [], configPath: String?, readOnly: Bool,
        environment: [String: String]
    ) -> ActionDesk {
        var configs = known.filter { !$0.secret.isEmpty }
        var missing: [String: String] = [:]
        var names = Set(configs.map(\.name))
        let stored = (try? store.sources()) ?? []
        for source in stored where !names.contains(source.name) {
            do {
                configs.append(try ActionSetup.sourceConfig(source, configPath: configPath, environment: environment))
                names.insert(source.name)
            } catch {
                missing[source.name] = TextSanitizer.clean(String(describing: error))
            }
        }
        for config in known where !names.contains(config.name) && missing[config.name] == nil {
            missing[config.name] = "no key for source \(TextSanitizer.clean(config.name)): set its key_env or key_file"
        }
        let transport = URLSessionTransport(idleTimeout: 15, requestTimeout: 60, maxConnectionsPerHost: 1)
        return ActionDesk(
            store: store, configs: configs, missing: missing,
            policy: ActionPolicy.from(flag: readOnly, environment: environment), transport: transport,
            ghl: ghlLocations(store: store, configured: ghl, environment: environment))
    }

    /// The GHL locations CRM writes may use: the configured ones, then the locations a one-off
    /// `billtop sync --ghl URL --location ID` left in the store, with `BILLTOP_GHL_TOKEN` (as a one-off billing
    /// source acts with `BILLTOP_API_KEY`), to the same base URL the sync used.
    static func ghlLocations(store: BillingStore, configured: [GHLSource], environment: [String: String])
        -> [GHLSource]
    {
        var locations = configured
        guard let token = environment["BILLTOP_GHL_TOKEN"], !token.isEmpty else { return locations }
        for stored in (try? store.crmLocations()) ?? [] where !locations.contains(where: { $0.locationID == stored.id })
        {
            guard SourceURL.problem(stored.baseURL, allowInsecureHTTP: false) == nil else { continue }
            locations.append(
                GHLSource(name: stored.name, baseURL: stored.baseURL, locationID: stored.id, secret: token))
        }
        return locations
    }
}
