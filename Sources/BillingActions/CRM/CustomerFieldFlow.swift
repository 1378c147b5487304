import BillingCore
import BillingStore
import BillingSync
import Foundation

/// GHL to billing for linked pairs (issue 19 point 4): when a contact changed after its customer, its name,
/// e-mail, phone and organization go to the customer (`PUT /customers/{id}.json`; `CRMFieldFlow` says which,
/// never blanking one). Each update is journalled (`crm_update_customer`, audited, in the timeline) before it
/// is sent; setting fields is the same however often it is sent, so an unanswered one is simply sent again.
/// The answer is stored, so the next run sees the customer as new as the contact and sends nothing. Either engine,
/// as `GHLProvisioner`.
public struct CustomerFieldFlow: Sendable {
    public static let kind = "crm_update_customer"
    public let store: any CRMActionReads
    public let runner: ActionRunner

    public init(store: any CRMActionReads, runner: ActionRunner) {
        self.store = store
        self.runner = runner
    }

    /// The customers whose fields would change, with the fields, for every linked pair of the source.
    public func plan() async throws -> [(customerID: String, fields: [String: String])] {
        let sourceID = runner.source.id
        var out: [(String, [String: String])] = []
        let (linker, customers) = try await store.crmLinker(sourceID: sourceID)
        for (customerID, link) in linker.links(customers).byCustomer.sorted(by: { $0.key < $1.key }) {
            guard let contactID = link.contactID, let contact = try await store.crmContact(id: contactID),
                let customer = try await store.customer(sourceID: sourceID, idOrEmail: customerID)?.value,
                customer.id == customerID
            else { continue }
            let fields = CRMFieldFlow.changes(contact: contact, customer: customer)
            if !fields.isEmpty { out.append((customerID, fields)) }
        }
        return out
    }

    /// Sends the unanswered updates again, then the planned ones; returns each attempt's result.
    public func run() async throws -> [ActionResult] {
        var results: [ActionResult] = []
        for entry in try await store.pendingActions(sourceID: runner.source.id) where entry.kind == Self.kind {
            results.append(await send(entry))
        }
        for (customerID, fields) in try await plan() {
            let entry = try await store.beginAction(
                BillingStore.ActionDraft(
                    sourceID: runner.source.id, kind: Self.kind, objectKind: "customer", objectID: customerID,
                    customerID: customerID, parameters: ActionJSON.text(["customer": fields]), who: runner.who,
                    host: runner.host), token: UUID().uuidString.lowercased(), now: Date())
            results.append(await send(entry))
        }
        return results
    }

    func send(_ entry: ActionJournalEntry) async -> ActionResult {
        func finish(_ state: ActionJournalEntry.State, _ status: Int?, _ message: String) async -> ActionResult {
            let clean = TextSanitizer.clean(message)
            try? await store.finishAction(
                id: entry.id, state: state, providerStatus: status, message: clean, durationMs: nil, now: Date())
            var finished = (try? await store.action(id: entry.id)) ?? entry
            finished.state = state
            return ActionResult(
                entry: finished, outcome: ActionOutcome(state: state, status: status, message: clean), resumed: false,
                reread: nil)
        }
        let config = runner.config
        let path = ActionRequestBuilder.route(
            "/customers/\(ActionRequestBuilder.escape(entry.objectID)).json", source: config)
        var headers = ActionRequestBuilder.authorization(config)
        headers["Content-Type"] = "application/json"
        let request = HTTPRequest(
            method: "PUT", url: config.baseURL + path, headers: headers, maxResponseBytes: 4 << 20,
            body: Data(entry.parameters.utf8))
        do { try await store.markActionSent(id: entry.id, now: Date()) } catch {
            return await finish(.failed, nil, "nothing was sent: the journal could not be written (\(error))")
        }
        let response: HTTPResponse
        do { response = try await runner.transport.send(request) } catch {
            return await finish(.sent, nil, "no answer (\(error)); the next run sends the same fields again")
        }
        guard response.status == 200 else {
            let state: ActionJournalEntry.State = response.status == 422 ? .refused : .failed
            let said = String(decoding: response.body.prefix(300), as: UTF8.self)
            return await finish(state, response.status, "HTTP \(response.status): \(said)")
        }
        if let page = RecordReread.page(response.body, target: .customer, sourceID: runner.source.id) {
            try? await store.commit(page)
        }
        let names = (ActionJSON.object(entry.parameters)["customer"] as? [String: any Sendable])?.keys.sorted() ?? []
        return await finish(
            .done, 200, "customer \(entry.objectID) now has the contact's \(names.joined(separator: ", "))")
    }
}
