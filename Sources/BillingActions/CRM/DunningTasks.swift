import BillingCore
import BillingStore
import Foundation

/// Dunning to the CRM (issue 19 point 5, `[crm] dunning_tasks = true`): when a linked customer reaches a
/// dunning stage (an invoice 31-60 days overdue, or a failed payment retry with no success since), a GHL
/// task for the contact's owner ("Follow up: $X overdue since DATE, invoice N"), once per invoice and stage.
/// Each task is a journalled `crm_task` whose `occasion` names the invoice and stage: an occasion already in
/// the journal (done, or unanswered and so resumed by looking) is never written again, and the row is in
/// the customer's timeline. Either engine: `billtop sync` runs it on one person's store, `billtop serve` after
/// each GHL round on the team store (issue 18).
public struct DunningTasks: Sendable {
    public let store: any CRMActionReads
    public let runner: CRMWriteRunner

    public init(store: any CRMActionReads, runner: CRMWriteRunner) {
        self.store = store
        self.runner = runner
    }

    /// One stage reached by one customer, and the task it calls for.
    public struct Stage: Sendable, Hashable {
        public var customerID: String
        public var contactID: String
        public var ownerID: String
        /// "dunning invoice INVOICE 31-60" or "dunning retry SUBSCRIPTION EVENT".
        public var occasion: String
        public var title: String
    }

    /// The stages reached on `asOf` (the store's present day: see `dunningCandidates`) by customers linked to a
    /// contact. Only the customers that may have reached one are read, each judged on its whole record.
    public func stages(asOf: LocalDate) async throws -> [Stage] {
        let sourceID = runner.sourceID
        var stages: [Stage] = []
        let candidates = try await store.dunningCandidates(
            sourceID: sourceID, dueFrom: asOf.adding(days: -60), dueThrough: asOf.adding(days: -31))
        let links = try await store.crmLinks(sourceID: sourceID, customerIDs: candidates)
        for customerID in candidates {
            guard let contactID = links[customerID]?.contactID, let contact = try await store.crmContact(id: contactID),
                let detail = try await store.customer(RecordKey(sourceID: sourceID, remoteID: customerID))
            else { continue }
            let invoices = detail.invoices.map(\.value)
            func stage(_ occasion: String, _ invoice: Invoice?) -> Stage {
                let title =
                    invoice.map {
                        "Follow up: \(MoneyFormatter.format(InvoiceStanding.outstanding($0, on: asOf))) overdue since "
                            + "\($0.dueDate?.description ?? "?"), invoice \($0.number)"
                    } ?? "Follow up: a payment retry failed"
                return Stage(
                    customerID: customerID, contactID: contactID, ownerID: contact.ownerID, occasion: occasion,
                    title: TextSanitizer.clean(title))
            }
            for invoice in invoices where InvoiceStanding.isOverdue(invoice, on: asOf) {
                if (31...60).contains(InvoiceStanding.daysOverdue(invoice, on: asOf)) {
                    stages.append(stage("dunning invoice \(invoice.id) 31-60", invoice))
                }
            }
            for subscription in detail.subscriptions.map(\.value) {
                let events = try await store.events(
                    subscription: RecordKey(sourceID: sourceID, remoteID: subscription.id), limit: 50)
                guard let failure = Self.unrecoveredFailure(events) else { continue }
                let open = invoices.filter {
                    InvoiceStanding.isOverdue($0, on: asOf) && $0.subscriptionID == subscription.id
                }.min { ($0.dueDate ?? asOf) < ($1.dueDate ?? asOf) }
                stages.append(stage("dunning retry \(subscription.id) \(failure.id)", open))
            }
        }
        return stages
    }

    /// The newest failed payment with no success after it, if any.
    static func unrecoveredFailure(_ events: [BillingEvent]) -> BillingEvent? {
        let ordered = events.sorted { $0.id < $1.id }
        guard let failure = ordered.last(where: { DunningEventKeys.failures.contains($0.key) }) else {
            return nil
        }
        let recovered = ordered.contains {
            $0.id > failure.id && DunningEventKeys.successes.contains($0.key)
        }
        return recovered ? nil : failure
    }

    /// The occasions the journal already holds (any attempt that did not end refused or failed).
    public func journalled(customerID: String) async throws -> Set<String> {
        Set(
            try await store.actions(customerID: customerID, limit: 10_000).compactMap { entry -> String? in
                guard let write = CRMWrite(entry), !write.occasion.isEmpty,
                    entry.state != .failed && entry.state != .refused
                else { return nil }
                return write.occasion
            })
    }

    /// Creates the task of every stage not yet journalled, due the next day; returns each attempt's result.
    public func run(asOf: LocalDate) async throws -> [ActionResult] {
        var results: [ActionResult] = []
        var known: [String: Set<String>] = [:]
        let due = (Timestamp(startOf: asOf).secondsSinceEpoch + 86_400) * 1000
        for stage in try await stages(asOf: asOf) {
            if known[stage.customerID] == nil {
                known[stage.customerID] = try await journalled(customerID: stage.customerID)
            }
            guard known[stage.customerID]?.contains(stage.occasion) == false else { continue }
            var write = CRMWrite.task(
                contactID: stage.contactID, customerID: stage.customerID, title: stage.title,
                body: "billtop: \(stage.occasion)", due: due, assignee: stage.ownerID)
            write.occasion = stage.occasion
            results += try await runner.perform(write)
            known[stage.customerID]?.insert(stage.occasion)
        }
        return results
    }
}
