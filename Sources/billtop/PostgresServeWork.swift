import BillingActions
import BillingCore
import BillingServe
import BillingStore
import BillingSync
import Foundation
import Logging

/// What `billtop serve` does for a source it leads, on the team store: sync rounds through the engine-neutral
/// fetcher, webhook targets re-read through the action core's read-back, and viewers' requests performed by the
/// action core under the token the viewer made. Keys come from serve's own config.toml or environment
/// (`ActionSetup.sourceConfig`), never from the store or a request. A GHL location of serve's config is a source
/// too (kind `ghl`): its rounds are GHL syncs into the team store's CRM tables, its webhooks re-read a contact. One store connection of its own, apart from
/// the loop's, so a long sync page never holds up the loop's claims and leadership checks.
actor PostgresServeWork: ServeWork {
    let store: PostgresStore
    private let configPath: String?
    private let environment: [String: String]
    let logger: Logger
    private let transport: any Transport
    /// The GHL locations of serve's config, with their tokens.
    private let ghl: [GHLSource]
    /// `[crm] dunning_tasks` of serve's config: after each GHL round, dunning stages become tasks (`DunningTasks`).
    private let dunningTasks: Bool
    /// One runner per source for the life of the process, so what a runner learns once (the site's
    /// capabilities, its request pacing) is not learnt again every round.
    private var runners: [String: SyncRunner] = [:]

    init(
        store: PostgresStore, configPath: String?, environment: [String: String], ghl: [GHLSource],
        dunningTasks: Bool = false, logger: Logger
    ) {
        self.store = store
        self.ghl = ghl
        self.dunningTasks = dunningTasks
        self.configPath = configPath
        self.environment = environment
        self.logger = logger
        self.transport = URLSessionTransport(idleTimeout: 15, requestTimeout: 60, maxConnectionsPerHost: 1)
    }

    func syncRound(source: SourceInfo) async throws {
        if source.kind == Self.crmKind {
            do {
                let client = try ghlClient(for: source)
                let result = try await GHLSync(store: store, client: client).run()
                logger.info(
                    "GHL round of \(TextSanitizer.clean(source.name)): \(result.contacts) contacts, \(result.users) users, \(result.activityContacts) contacts' notes and tasks"
                )
                if dunningTasks { await createDunningTasks(with: client) }
            } catch {
                // The loop counts a failed round; the reason (a refused token, an unreachable host) is said here.
                if !(error is CancellationError) {
                    logger.warning(
                        "GHL round of \(TextSanitizer.clean(source.name)): \(TextSanitizer.clean(String(describing: error)))"
                    )
                }
                throw error
            }
            return
        }
        let runner = try await syncRunner(for: source)
        let result = await runner.runOnce(sourceName: source.name)
        for failure in result.failures {
            logger.warning(
                "sync round of \(TextSanitizer.clean(source.name)), \(failure.stream): \(TextSanitizer.clean(failure.error.description))"
            )
        }
    }

    func reread(source: SourceInfo, targets: [WebhookTarget]) async throws {
        if source.kind == Self.crmKind {
            let sync = GHLSync(store: store, client: try ghlClient(for: source))
            for target in targets where target.kind == .contact {
                if try await !sync.refreshContact(id: target.id) {
                    logger.notice("webhook named \(target), which GHL no longer has")
                }
            }
            return
        }
        let runner = try actionRunner(for: source, who: "serve (webhook)", host: ActionRunner.hostName())
        for target in targets {
            let kind: ActionKind.Target
            switch target.kind {
            case .customer: kind = .customer
            case .subscription: kind = .subscription
            case .invoice: kind = .invoice
            case .contact:
                // A billing source's webhook names no contact; GHL's come under the location's own source.
                continue
            }
            let problem = await runner.refresh(kind, id: target.id)
            if !problem.isEmpty { logger.notice("webhook re-read of \(target): \(TextSanitizer.clean(problem))") }
        }
    }

    func perform(_ request: QueuedActionRequest, source: SourceInfo) async -> ActionRequestOutcome {
        guard source.kind != Self.crmKind else {
            return ActionRequestOutcome(
                state: .refused, message: "refused by serve: a GHL location takes no billing action")
        }
        if let link = CRMLinkRequest(kind: request.kind, objectID: request.objectID, parameters: request.parameters) {
            return await setLink(link, source: source)
        }
        if let portal = PortalLinkRequest(kind: request.kind, objectID: request.objectID) {
            return await portalLink(portal, request: request, source: source)
        }
        if let write = CRMWrite(
            kind: request.kind, contactID: request.objectID, customerID: request.customerID,
            parameters: request.parameters)
        {
            return await performCRM(write, request: request, source: source)
        }
        do {
            var currency: Currency?
            var due: Money?
            if request.kind == ActionKind.recordPayment.rawValue,
                let invoice = try await store.invoiceTarget(sourceID: source.id, numberOrUID: request.objectID),
                let code = invoice.currency, let known = Currency(code)
            {
                currency = known
                due = invoice.dueMinor.map { Money(minorUnits: $0, currency: known) }
            }
            let action = try Action.stored(
                kind: request.kind, objectKind: request.objectKind, objectID: request.objectID,
                customerID: request.customerID, parameters: request.parameters, paymentCurrency: currency, due: due)
            let runner = try actionRunner(for: source, who: request.requestedBy, host: request.host)
            let result = try await runner.perform(action, token: request.token)
            let state: ActionRequestOutcome.State =
                result.succeeded ? .succeeded : result.outcome.state == .refused ? .refused : .failed
            return ActionRequestOutcome(
                state: state, message: result.line, providerStatus: result.outcome.status, journalID: result.entry.id)
        } catch {
            // Nothing was sent: every send happens after its journal row, and these errors come before one.
            return outcome(ofThrown: error, notDone: "not performed (nothing was sent)")
        }
    }

    /// The outcome of a request that threw before anything was sent: refused when the request or serve's config
    /// is at fault (`ActionProblem`, `CommandFailure`), else failed with the store's one line after `notDone`.
    func outcome(ofThrown error: any Error, notDone: String) -> ActionRequestOutcome {
        switch error {
        case let problem as ActionProblem:
            ActionRequestOutcome(state: .refused, message: "refused by serve: \(problem.description)")
        case let failure as CommandFailure:
            ActionRequestOutcome(state: .refused, message: "refused by serve: \(failure.description)")
        default:
            ActionRequestOutcome(
                state: .failed, message: "\(notDone): \(TextSanitizer.clean(store.writeFailure(error)))")
        }
    }

    /// The refusal for a request naming a customer the team store does not have in `source`; nil when it has it.
    func unknownCustomer(_ customerID: String, source: SourceInfo) async throws -> ActionRequestOutcome? {
        guard try await store.customer(RecordKey(sourceID: source.id, remoteID: customerID)) == nil else { return nil }
        return ActionRequestOutcome(
            state: .refused,
            message:
                "refused by serve: no customer \(TextSanitizer.clean(customerID)) in source \(TextSanitizer.clean(source.name))"
        )
    }

    /// A viewer's manual link: the contact resolved against the team store (an id, else the one contact with that
    /// e-mail), then kept where every copy follows it. Nothing is sent anywhere.
    private func setLink(_ link: CRMLinkRequest, source: SourceInfo) async -> ActionRequestOutcome {
        do {
            if let refusal = try await unknownCustomer(link.customerID, source: source) { return refusal }
            var contactID: String?
            if !link.contact.isEmpty {
                let store = self.store
                let choice = try await CRMContactChoice.resolve(
                    link.contact, byID: { try await store.crmContact(id: $0) },
                    byEmailKey: { try await store.crmContacts(emailKey: $0) })
                switch choice {
                case .contact(let id): contactID = id
                case .refused(let line):
                    return ActionRequestOutcome(state: .refused, message: "refused by serve: \(line)")
                }
            }
            try await store.setCRMLink(
                sourceID: source.id, customerID: link.customerID, contactID: contactID, now: Date())
            return ActionRequestOutcome(
                state: .succeeded, message: CRMLinkRequest.linked(link.customerID, to: contactID))
        } catch {
            return ActionRequestOutcome(
                state: .failed, message: "the link was not changed: \(TextSanitizer.clean(store.writeFailure(error)))")
        }
    }

    /// A viewer's note, task or completed task, written to the contact's GHL location with serve's token for it,
    /// exactly once under the viewer's token (`CRMWriteRunner`: GHL takes no idempotency key, so a resumed
    /// request looks at the contact before it writes again), journalled under the customer's billing source.
    private func performCRM(_ write: CRMWrite, request: QueuedActionRequest, source: SourceInfo) async
        -> ActionRequestOutcome
    {
        do {
            guard let location = try await store.crmContactLocation(id: write.contactID),
                let ghlSource = ghl.first(where: { $0.locationID == location })
            else {
                return ActionRequestOutcome(
                    state: .refused,
                    message:
                        "refused by serve: contact \(TextSanitizer.clean(write.contactID)) is not in a GHL location serve's config.toml has a token for"
                )
            }
            let runner = CRMWriteRunner(
                store: store, ghl: GHLClient(source: ghlSource, transport: transport), sourceID: source.id,
                who: request.requestedBy, host: request.host)
            guard let result = try await runner.perform(write, token: request.token).last else {
                return ActionRequestOutcome(state: .failed, message: "serve made no attempt")
            }
            let state: ActionRequestOutcome.State =
                result.succeeded ? .succeeded : result.outcome.state == .refused ? .refused : .failed
            return ActionRequestOutcome(
                state: state, message: result.line, providerStatus: result.outcome.status, journalID: result.entry.id)
        } catch {
            return ActionRequestOutcome(
                state: .failed,
                message: "not performed (nothing was sent): \(TextSanitizer.clean(store.writeFailure(error)))")
        }
    }

    /// After a GHL round, with `[crm] dunning_tasks = true`: each billing source the location follows (its
    /// `billing_source`, else all) has its dunning stages made GHL tasks for the contacts' owners, once per invoice
    /// and stage, journalled under that source as `billtop sync` does on SQLite. Only the serve leading the
    /// location runs this, so two serves do not race for the same occasion. Problems are logged; the round stands.
    private func createDunningTasks(with client: GHLClient) async {
        let location = client.source
        if let readOnly = ActionPolicy.from(flag: false, environment: environment).globalReadOnly {
            logger.notice("dunning tasks: none created: read-only (\(TextSanitizer.clean(readOnly)))")
            return
        }
        let billing: [SourceInfo]
        do { billing = try await store.sources().filter { $0.kind != Self.crmKind } } catch {
            logger.warning("dunning tasks: \(TextSanitizer.clean(store.writeFailure(error)))")
            return
        }
        let today = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).date(offsetSeconds: 0)
        for source in billing where location.billingSource.map({ $0 == source.name }) ?? true {
            let tasks = DunningTasks(
                store: store,
                runner: CRMWriteRunner(
                    store: store, ghl: client, sourceID: source.id, who: "serve (dunning)",
                    host: ActionRunner.hostName()))
            do {
                let results = try await tasks.run(asOf: today)
                let made = results.filter(\.succeeded).count
                if !results.isEmpty {
                    logger.info("dunning tasks for \(TextSanitizer.clean(source.name)): \(made) created")
                }
                for result in results where !result.succeeded {
                    logger.warning("dunning task: \(TextSanitizer.clean(result.line))")
                }
            } catch {
                logger.warning(
                    "dunning tasks for \(TextSanitizer.clean(source.name)): \(TextSanitizer.clean(store.writeFailure(error)))"
                )
            }
        }
    }

    /// The kind of the sources serve registers for its config's GHL locations (`ServeCommand`).
    static let crmKind = "ghl"

    /// The GHL location's token and settings from serve's config, found by location id.
    private func ghlClient(for source: SourceInfo) throws -> GHLClient {
        guard let location = ghl.first(where: { $0.locationID == source.account }) else {
            throw CommandFailure(
                "GHL location \(TextSanitizer.clean(source.account)) (\(TextSanitizer.clean(source.name))) is in the team store but not in serve's config.toml; add it there with its token, or use --source to lead only the others",
                status: .config)
        }
        return GHLClient(source: location, transport: transport)
    }

    /// The source's key and settings as serve's config has them, or the one line that says how to give them.
    private func config(for source: SourceInfo) throws -> SourceConfig {
        try ActionSetup.sourceConfig(source, configPath: configPath, environment: environment)
    }

    func actionRunner(for source: SourceInfo, who: String, host: String) throws -> ActionRunner {
        ActionRunner(
            store: store, source: source, config: try config(for: source), transport: transport,
            policy: ActionPolicy.from(flag: false, environment: environment), who: who, host: host)
    }

    private func syncRunner(for source: SourceInfo) async throws -> SyncRunner {
        if let runner = runners[source.name] { return runner }
        let runner = try await SyncRunner(
            records: store, sources: [try config(for: source)], transport: transport, logger: logger)
        runners[source.name] = runner
        return runner
    }
}
