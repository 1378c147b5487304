import BillingCore
import BillingStore
import BillingSync
import Foundation

/// The action core: checks, journals, sends, classifies, re-reads. Every token-carrying request leaves only
/// after its journal row is committed; an attempt sent and never answered is resumed with its own token
/// before a new one is made, so a crash, a lost connection or a timeout after sending never acts twice.
public struct ActionRunner: Sendable {
    public let store: any RecordStore
    public let source: SourceInfo
    public let config: SourceConfig
    public let transport: any Transport
    public let policy: ActionPolicy
    /// OS user and host, for the audit.
    public let who: String
    public let host: String

    public init(
        store: any RecordStore, source: SourceInfo, config: SourceConfig, transport: any Transport,
        policy: ActionPolicy = ActionPolicy(), who: String = ActionRunner.osUser(),
        host: String = ActionRunner.hostName()
    ) {
        self.store = store
        self.source = source
        self.config = config
        self.transport = transport
        self.policy = policy
        self.who = who
        self.host = host
    }

    /// Read-only, the allowlist and validation, in that order; throws the one line to show.
    public func check(_ action: Action) throws(ActionProblem) {
        try policy.check(action.kind, on: config)
        try ActionValidator.validate(action)
    }

    /// The exact request `action` would send (`--dry-run`), with a placeholder token: nothing is journalled.
    public func dryRun(_ action: Action) throws(ActionProblem) -> String {
        try check(action)
        let request = ActionRequestBuilder.request(
            action.kind, objectID: action.objectID, parameters: action.parameters,
            token: "(a new token, journalled before sending)", source: config)
        return ActionRequestBuilder.describe(request)
    }

    /// Attempts on the same object that were sent and never answered (to be resumed first).
    public func pending(for action: Action) async throws -> [ActionJournalEntry] {
        try await store.pendingActions(sourceID: source.id).filter {
            $0.objectKind == action.kind.target.rawValue && $0.objectID == action.objectID
        }
    }

    /// Resumes the unfinished attempts on the same object (each with its own token), then performs `action`
    /// unless one of them was this very action (same kind and parameters): that one is its resumption.
    /// Returns every attempt's result, the one for `action` last.
    public func perform(_ action: Action) async throws -> [ActionResult] {
        try check(action)
        var results: [ActionResult] = []
        for entry in try await pending(for: action) {
            let result = await send(entry, resumed: entry.sends > 0)
            results.append(result)
            if entry.kind == action.kind.rawValue, entry.parameters == action.parametersJSON { return results }
        }
        let draft = BillingStore.ActionDraft(
            sourceID: source.id, kind: action.kind.rawValue, objectKind: action.kind.target.rawValue,
            objectID: action.objectID, customerID: action.customerID, parameters: action.parametersJSON, who: who,
            host: host)
        let entry = try await store.beginAction(draft, token: UUID().uuidString.lowercased(), now: Date())
        results.append(await send(entry, resumed: false))
        return results
    }

    /// Every attempt of this source that was journalled and never answered (the dashboard resumes them at start).
    /// CRM writes share the journal but are resumed by `CRMWriteRunner`, which looks before it sends again.
    public func unfinished() async throws -> [ActionJournalEntry] {
        try await store.pendingActions(sourceID: source.id).filter { ActionKind(rawValue: $0.kind) != nil }
    }

    /// Sends an unfinished attempt again with its own token (never a new one) and records how it ended.
    public func resume(_ entry: ActionJournalEntry) async -> ActionResult {
        await send(entry, resumed: entry.sends > 0)
    }

    /// Sends one journalled attempt and records how it ended.
    func send(_ entry: ActionJournalEntry, resumed: Bool) async -> ActionResult {
        let started = ContinuousClock.now
        func elapsed() -> Int {
            let spent = started.duration(to: .now).components
            return Int(spent.seconds) * 1000 + Int(spent.attoseconds / 1_000_000_000_000_000)
        }
        let label = await label(of: entry)
        func finish(_ outcome: ActionOutcome, reread: String? = nil) async -> ActionResult {
            try? await store.finishAction(
                id: entry.id, state: outcome.state, providerStatus: outcome.status, message: outcome.message,
                durationMs: elapsed(), now: Date())
            var finished = (try? await store.action(id: entry.id)) ?? entry
            finished.state = outcome.state
            return ActionResult(entry: finished, outcome: outcome, resumed: resumed, reread: reread, objectLabel: label)
        }
        guard let kind = ActionKind(rawValue: entry.kind) else {
            return await finish(ActionOutcome(state: .failed, status: nil, message: "unknown action \(entry.kind)"))
        }
        let parameters = ActionJSON.object(entry.parameters)
        if kind == .undoCancel {
            // A DELETE carries no token: read the subscription first and send nothing if it is already undone.
            switch await readBack(.subscription, id: entry.objectID) {
            case .success(let scheduled) where scheduled == false:
                return await finish(
                    ActionOutcome(
                        state: .alreadyDone, status: nil,
                        message: "already done: the subscription is not scheduled to cancel; nothing was sent"),
                    reread: "re-read subscription \(TextSanitizer.clean(entry.objectID))")
            default:
                break
            }
        }
        let request = ActionRequestBuilder.request(
            kind, objectID: entry.objectID, parameters: parameters, token: entry.token, source: config)
        do {
            try await store.markActionSent(id: entry.id, now: Date())
        } catch {
            return await finish(
                ActionOutcome(
                    state: .failed, status: nil,
                    message: "nothing was sent: the journal could not be written (\(TextSanitizer.clean("\(error)")))"))
        }
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            let reason = TextSanitizer.clean(String(describing: error))
            return await finish(
                ActionOutcome(
                    state: .sent, status: nil,
                    message: "no answer (\(reason)); the provider may or may not have acted: run the same command "
                        + "again (it reuses the token, so nothing happens twice)"))
        }
        let outcome = ActionOutcome.classify(response, kind: kind, route: config.kind)
        guard outcome.state == .done || outcome.state == .alreadyDone else { return await finish(outcome) }
        let reread = await reread(kind, objectID: entry.objectID, label: label, response: response)
        return await finish(outcome, reread: reread)
    }

    /// The targeted re-read after a success: the invoice or subscription acted on (a created customer comes
    /// back in the answer itself), written through the store's normal write path.
    func reread(_ kind: ActionKind, objectID: String, label: String? = nil, response: HTTPResponse) async -> String {
        if kind == .createCustomer {
            guard response.status == 201 || response.status == 200,
                let page = RecordReread.page(response.body, target: .customer, sourceID: source.id),
                (try? await store.commit(page)) != nil
            else { return "the new customer appears at the next sync" }
            return "stored customer \(TextSanitizer.clean(page.customers.first?.value.id ?? ""))"
        }
        switch await readBack(kind.target, id: objectID) {
        case .success:
            var said = "re-read \(kind.target.rawValue) \(label ?? TextSanitizer.clean(objectID))"
            if kind == .retry { said += await rereadOpenInvoices(subscriptionID: objectID) }
            return said
        case .failure(let problem): return problem.description
        }
    }

    /// A retry that charged the card paid the subscription's open invoices: re-read each (usually one or
    /// two), so the invoice shows paid at once rather than at the next sync.
    func rereadOpenInvoices(subscriptionID: String) async -> String {
        guard let subscription = try? await store.subscription(sourceID: source.id, id: subscriptionID),
            let detail = try? await store.customer(
                RecordKey(sourceID: source.id, remoteID: subscription.value.customerID))
        else { return "" }
        let open = detail.invoices.map(\.value).filter {
            $0.isOpen && ($0.subscriptionID == nil || $0.subscriptionID == subscriptionID)
        }
        var read = 0
        for invoice in open.prefix(10) {
            if case .success = await readBack(.invoice, id: invoice.id) { read += 1 }
        }
        return read == 0 ? "" : " and \(read) open invoice(s)"
    }

    /// GETs one record, writes it to the store, and answers whether a subscription is scheduled to cancel.
    func readBack(_ target: ActionKind.Target, id: String) async -> Result<Bool?, ActionProblem> {
        let path = ActionRequestBuilder.route(ActionRequestBuilder.readPath(target, id: id), source: config)
        var request = HTTPRequest(url: config.baseURL + path, maxResponseBytes: 4 << 20)
        request.headers = ActionRequestBuilder.authorization(config)
        let what = "\(target.rawValue) \(TextSanitizer.clean(id))"
        guard let response = try? await transport.send(request), response.status == 200 else {
            return .failure(ActionProblem("could not re-read \(what); it updates at the next sync"))
        }
        let stored = target == .subscription ? (try? await store.subscription(sourceID: source.id, id: id))?.value : nil
        guard let page = RecordReread.page(response.body, target: target, sourceID: source.id, stored: stored),
            (try? await store.commit(page)) != nil
        else { return .failure(ActionProblem("could not store the re-read \(what); it updates at the next sync")) }
        return .success(page.subscriptions.first?.value.cancelAtEndOfPeriod)
    }

    /// The OS user for the audit: the account's name from the password database (not `USER`, which anyone
    /// can set), else the uid.
    public static func osUser() -> String {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "uid \(getuid())" }
        return TextSanitizer.clean(String(cString: name))
    }

    public static func hostName() -> String { TextSanitizer.clean(ProcessInfo.processInfo.hostName) }
}
