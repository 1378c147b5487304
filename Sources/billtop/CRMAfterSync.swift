import BillingActions
import BillingCore
import BillingStore
import BillingSync
import Foundation

/// What `billtop sync` does on the CRM side after the billing sources (config mode): each configured GHL
/// location is synced, then, with `[crm] dunning_tasks = true`, every billing source's dunning stages become
/// GHL tasks for the contacts' owners (`DunningTasks`: once per invoice and stage, journalled).
enum CRMAfterSync {
    /// Returns the lines to print; a failing location is reported and does not stop the others.
    static func run(configPath: String, environment: [String: String], store: BillingStore, full: Bool) async
        -> (lines: [String], failed: Bool)
    {
        var lines: [String] = []
        var failed = false
        let locations: [GHLSource]
        let settings: CRMSettings
        do {
            locations = try ConfigLoader.loadGHL(path: configPath, environment: environment)
            settings = try ConfigLoader.loadCRM(path: configPath)
        } catch {
            return (["billtop: \(TextSanitizer.clean(String(describing: error)))"], true)
        }
        for location in locations {
            do {
                let result = try await GHLSyncRun.run(location, store: store, full: full)
                lines.append(GHLSyncRun.summary(location, result))
            } catch {
                lines.append("billtop: \(TextSanitizer.clean(String(describing: error)))")
                failed = true
                continue
            }
            guard settings.dunningTasks else { continue }
            // Read-only refuses CRM writes as it refuses billing ones: the tasks wait for a run that may write.
            if let readOnly = ActionPolicy.from(flag: false, environment: environment).globalReadOnly {
                lines.append("dunning tasks: none created: read-only (\(readOnly))")
                continue
            }
            let client = GHLClient(source: location, transport: URLSessionTransport(), store: store)
            let today = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).date(offsetSeconds: 0)
            // A location tied to one billing source (`billing_source`) follows only that one.
            for source in (try? store.sources()) ?? [] where location.billingSource.map({ $0 == source.name }) ?? true {
                let tasks = DunningTasks(
                    store: store, runner: CRMWriteRunner(store: store, ghl: client, sourceID: source.id))
                do {
                    let results = try await tasks.run(asOf: today)
                    let made = results.filter(\.succeeded).count
                    lines.append("dunning tasks for \(TextSanitizer.clean(source.name)): \(made) created")
                    for result in results where !result.succeeded { lines.append("billtop: \(result.line)") }
                    failed = failed || results.contains { !$0.succeeded }
                } catch {
                    lines.append("billtop: dunning tasks: \(TextSanitizer.clean(String(describing: error)))")
                    failed = true
                }
            }
        }
        return (lines, failed)
    }
}
