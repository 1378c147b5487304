import BillingActions
import BillingCore
import BillingStore
import BillingSync
import Foundation

/// The dashboard's actions on real sources: each source with a key acts through an `ActionRunner` (made when
/// needed: a demo's source is registered by its first sync, after the screen opens); a source without one
/// carries the line that says how to give it one. Built once by the executable, which reads the keys.
public struct ActionDesk: ActionPerforming {
    let store: BillingStore
    let configs: [String: SourceConfig]
    let policy: ActionPolicy
    let transport: any Transport
    /// The GHL locations with a token, by location id: the CRM writes go through these.
    let crmLocations: [String: GHLSource]
    public let availability: ActionAvailability

    /// `configs` are the sources that can act (with their keys); `missing` says, by source name, why another
    /// source cannot (no key). `ghl` are the GHL locations the dashboard syncs (their tokens write notes and
    /// tasks); read-only refuses CRM writes as it refuses billing ones.
    public init(
        store: BillingStore, configs: [SourceConfig], missing: [String: String], policy: ActionPolicy,
        transport: any Transport, ghl: [GHLSource] = []
    ) {
        self.store = store
        self.configs = Dictionary(configs.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        self.policy = policy
        self.transport = transport
        let writable = ghl.filter { !$0.secret.isEmpty }
        crmLocations = Dictionary(writable.map { ($0.locationID, $0) }, uniquingKeysWith: { a, _ in a })
        var kindReasons: [String: [ActionKind: String]] = [:]
        for config in configs {
            var reasons: [ActionKind: String] = [:]
            for kind in ActionKind.allCases { reasons[kind] = policy.unavailability(kind, on: config) }
            kindReasons[config.name] = reasons
        }
        availability = ActionAvailability(
            sourceReasons: missing, kindReasons: kindReasons,
            fallback: "this source has no key here: add it to config.toml, or set BILLTOP_API_KEY / BILLTOP_TOKEN",
            crmReason: Self.crmReason(policy: policy, locations: writable.count))
    }

    func runner(_ name: String) throws -> ActionRunner? {
        guard let config = configs[name], let info = try store.sources().first(where: { $0.name == name }) else {
            return nil
        }
        return ActionRunner(store: store, source: info, config: config, transport: transport, policy: policy)
    }

    public func perform(_ action: BillingActions.Action, source: String) async -> ActionReport {
        do {
            guard let runner = try runner(source) else {
                let reason = availability.reason(action.kind, source: source) ?? "it has not synced yet"
                return ActionReport(
                    lines: ["nothing was sent: source \(TextSanitizer.clean(source)) cannot act: \(reason)"],
                    succeeded: false)
            }
            let results = try await runner.perform(action)
            return ActionReport(lines: results.map(\.line), succeeded: results.last?.succeeded == true)
        } catch let problem as ActionProblem {
            return ActionReport(lines: ["nothing was sent: \(problem.description)"], succeeded: false)
        } catch {
            return ActionReport(
                lines: ["nothing was sent: \(TextSanitizer.clean(String(describing: error)))"], succeeded: false)
        }
    }

    public func portalLink(customerID: String, source: String) async -> ActionReport {
        guard let runner = try? runner(source) else {
            return ActionReport(
                lines: ["no billing-portal link: source \(TextSanitizer.clean(source)) has no key here"],
                succeeded: false)
        }
        switch await runner.portalLink(customerID: customerID) {
        case .success(let link): return ActionReport(lines: [link.line], succeeded: true)
        case .failure(let problem): return ActionReport(lines: [problem.description], succeeded: false)
        }
    }

    public func resumePending() async -> [ActionReport] {
        var reports = await resumeCRMWrites()
        for name in configs.keys.sorted() {
            guard let runner = try? runner(name), let pending = try? await runner.unfinished() else { continue }
            for entry in pending {
                // A resumed attempt obeys today's switches: read-only now means it waits, unsent.
                guard let kind = ActionKind(rawValue: entry.kind), policy.unavailability(kind, on: runner.config) == nil
                else { continue }
                let result = await runner.resume(entry)
                reports.append(ActionReport(lines: [result.line], succeeded: result.succeeded))
            }
        }
        return reports
    }
}
