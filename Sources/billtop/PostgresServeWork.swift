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
/// (`ActionSetup.sourceConfig`), never from the store or a request. One store connection of its own, apart from
/// the loop's, so a long sync page never holds up the loop's claims and leadership checks.
actor PostgresServeWork: ServeWork {
    private let store: PostgresStore
    private let configPath: String?
    private let environment: [String: String]
    private let logger: Logger
    private let transport: any Transport
    /// One runner per source for the life of the process, so what a runner learns once (the site's
    /// capabilities, its request pacing) is not learnt again every round.
    private var runners: [String: SyncRunner] = [:]

    init(store: PostgresStore, configPath: String?, environment: [String: String], logger: Logger) {
        self.store = store
        self.configPath = configPath
        self.environment = environment
        self.logger = logger
        self.transport = URLSessionTransport(idleTimeout: 15, requestTimeout: 60, maxConnectionsPerHost: 1)
    }

    func syncRound(source: SourceInfo) async throws {
        let runner = try await syncRunner(for: source)
        let result = await runner.runOnce(sourceName: source.name)
        for failure in result.failures {
            logger.warning(
                "sync round of \(TextSanitizer.clean(source.name)), \(failure.stream): \(TextSanitizer.clean(failure.error.description))"
            )
        }
    }

    func reread(source: SourceInfo, targets: [WebhookTarget]) async throws {
        let runner = try actionRunner(for: source, who: "serve (webhook)", host: ActionRunner.hostName())
        for target in targets {
            let kind: ActionKind.Target
            switch target.kind {
            case .customer: kind = .customer
            case .subscription: kind = .subscription
            case .invoice: kind = .invoice
            case .contact:
                // GHL contacts sync into SQLite stores only so far: the next GHL sync there brings it.
                logger.info("webhook named \(target): CRM contacts are not kept in the team store yet")
                continue
            }
            let problem = await runner.refresh(kind, id: target.id)
            if !problem.isEmpty { logger.notice("webhook re-read of \(target): \(TextSanitizer.clean(problem))") }
        }
    }

    func perform(_ request: QueuedActionRequest, source: SourceInfo) async -> ActionRequestOutcome {
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
        } catch let problem as ActionProblem {
            return ActionRequestOutcome(state: .refused, message: "refused by serve: \(problem.description)")
        } catch let failure as CommandFailure {
            return ActionRequestOutcome(state: .refused, message: "refused by serve: \(failure.description)")
        } catch {
            // Nothing was sent: every send happens after its journal row, and these errors come before one.
            return ActionRequestOutcome(
                state: .failed,
                message: "not performed (nothing was sent): \(TextSanitizer.clean(store.writeFailure(error)))")
        }
    }

    /// The source's key and settings as serve's config has them, or the one line that says how to give them.
    private func config(for source: SourceInfo) throws -> SourceConfig {
        try ActionSetup.sourceConfig(source, configPath: configPath, environment: environment)
    }

    private func actionRunner(for source: SourceInfo, who: String, host: String) throws -> ActionRunner {
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
