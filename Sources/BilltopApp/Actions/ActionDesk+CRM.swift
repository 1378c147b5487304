import BillingActions
import BillingCore
import BillingStore
import BillingSync
import Foundation

/// The desk's CRM writes: each goes through the token of the GHL location its contact belongs to, journalled
/// under the customer's billing source (the audit and the timeline find it there), exactly once through
/// `CRMWriteRunner` (a resumed write looks at the contact before it sends again).
extension ActionDesk {
    /// Why no CRM write can be made here, or nil when they can.
    static func crmReason(policy: ActionPolicy, locations: Int) -> String? {
        if let readOnly = policy.globalReadOnly { return "read-only: \(readOnly), so nothing is written to the CRM" }
        if locations == 0 {
            return "no GHL location with a token here: add a [[source]] kind = \"ghl\" to config.toml"
        }
        return nil
    }

    /// The runner for writes to `contactID` journalled under billing source `sourceID`, or why there is none.
    func crmRunner(contactID: String, sourceID: Int64) -> Result<CRMWriteRunner, ActionProblem> {
        let location = (try? store.crmContactLocation(id: contactID)) ?? nil
        // A contact the store does not place goes through the only location there is, if there is one.
        guard
            let ghl = location.flatMap({ crmLocations[$0] })
                ?? (crmLocations.count == 1 ? crmLocations.first?.value : nil)
        else {
            return .failure(
                ActionProblem(
                    "no token for the contact's GHL location \(TextSanitizer.clean(location ?? "(unknown)")) here"))
        }
        let client = GHLClient(source: ghl, transport: transport, store: store)
        return .success(CRMWriteRunner(store: store, ghl: client, sourceID: sourceID))
    }

    public func performCRM(_ write: CRMWrite, source: String) async -> ActionReport {
        if let reason = availability.crmReason {
            return ActionReport(lines: ["nothing was sent: \(reason)"], succeeded: false)
        }
        guard let info = (try? store.sources())?.first(where: { $0.name == source }) else {
            return ActionReport(
                lines: ["nothing was sent: source \(TextSanitizer.clean(source)) is not in the store"], succeeded: false
            )
        }
        switch crmRunner(contactID: write.contactID, sourceID: info.id) {
        case .failure(let problem):
            return ActionReport(lines: ["nothing was sent: \(problem.description)"], succeeded: false)
        case .success(let runner):
            do {
                let results = try await runner.perform(write)
                return ActionReport(lines: results.map(\.line), succeeded: results.last?.succeeded == true)
            } catch {
                return ActionReport(
                    lines: ["nothing was sent: \(TextSanitizer.clean(String(describing: error)))"], succeeded: false)
            }
        }
    }

    /// CRM writes a crash or a cut connection left unanswered, each looked for on the contact before it is
    /// sent again. Read-only leaves them waiting, unsent, as it does billing actions.
    func resumeCRMWrites() async -> [ActionReport] {
        guard availability.crmReason == nil, let sources = try? store.sources() else { return [] }
        var reports: [ActionReport] = []
        for info in sources {
            let pending = ((try? store.pendingActions(sourceID: info.id)) ?? []).filter {
                CRMWrite.Kind(rawValue: $0.kind) != nil
            }
            for entry in pending {
                guard case .success(let runner) = crmRunner(contactID: entry.objectID, sourceID: info.id) else {
                    continue
                }
                let result = await runner.send(entry)
                reports.append(ActionReport(lines: [result.line], succeeded: result.succeeded))
            }
        }
        return reports
    }
}

extension ActionDesk {
    public func linkContact(_ key: CustomerKey, contact text: String) async -> ActionReport {
        func refused(_ line: String) -> ActionReport { ActionReport(lines: [line], succeeded: false) }
        do {
            guard let info = try store.sources().first(where: { $0.name == key.source }) else {
                return refused("source \(TextSanitizer.clean(key.source)) is not in the store")
            }
            let wanted = text.trimmingCharacters(in: .whitespaces)
            guard !wanted.isEmpty else {
                try store.setCRMLink(sourceID: info.id, customerID: key.id, contactID: nil)
                return ActionReport(
                    lines: ["customer \(TextSanitizer.clean(key.id)) unlinked by hand (b links it again)"],
                    succeeded: true)
            }
            let choice = try await CRMContactChoice.resolve(
                wanted, byID: { try store.crmContact(id: $0) }, byEmailKey: { try store.crmContacts(emailKey: $0) })
            guard case .contact(let contactID) = choice else {
                if case .refused(let line) = choice { return refused(line) }
                return refused("no contact")
            }
            try store.setCRMLink(sourceID: info.id, customerID: key.id, contactID: contactID)
            return ActionReport(lines: [CRMLinkRequest.linked(key.id, to: contactID)], succeeded: true)
        } catch {
            return refused("the link was not changed: \(TextSanitizer.clean(String(describing: error)))")
        }
    }
}
