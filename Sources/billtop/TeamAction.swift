import ArgumentParser
import BillingActions
import BillingCore
import BillingStore
import Foundation

/// An action command on a team (PostgreSQL) store: the viewer holds no key, so the action becomes a request row
/// (a fresh token, the host; the database records who) that `billtop serve` performs, and the command waits for
/// the outcome on the change feed and prints it as the SQLite path prints its own.
struct TeamAction {
    let store: PostgresStore
    let source: SourceInfo

    /// The team store and source when the command's store is PostgreSQL; nil for a SQLite store.
    static func open(_ options: ActionOptions) async throws -> TeamAction? {
        guard case .postgres(let url, _) = try options.store.choice() else { return nil }
        let store: PostgresStore
        do { store = try await PostgresStore.openForReading(url) } catch {
            throw CommandFailure(String(describing: error), status: .store)
        }
        do {
            let source = try ActionSetup.choose(
                options.source, from: await store.sources(), in: "the team store", empty: "billtop serve adds them")
            return TeamAction(store: store, source: source)
        } catch {
            await store.close()
            throw error
        }
    }

    /// `found` or one line saying it is not in the team store (serve's sync fills it).
    func require(_ found: PostgresActionTarget?, _ what: String) throws -> PostgresActionTarget {
        guard let found else {
            throw CommandFailure(
                "no \(TextSanitizer.clean(what)) in source \(TextSanitizer.clean(source.name)) of the team store; try `billtop customers`, or wait for serve's next sync"
            )
        }
        return found
    }

    /// The action on subscription `id`, with its confirmation line.
    func subscriptionAction(_ kind: ActionKind, id: String) async throws -> (Action, [String]) {
        let found = try require(
            try await store.subscriptionTarget(sourceID: source.id, id: id), "subscription \(id)")
        return (Action(kind: kind, objectID: found.objectID, customerID: found.customerID), [found.label])
    }

    /// Checks, confirms (or needs --yes), queues and waits; the outcome is printed and sets the exit status.
    func request(_ action: Action, details: [String], options: ActionOptions) async throws {
        do {
            try await requestAndWait(action, details: details, options: options)
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }

    private func requestAndWait(_ action: Action, details: [String], options: ActionOptions) async throws {
        if let refusal = ActionPolicy.from(flag: options.readOnly, environment: ProcessInfo.processInfo.environment)
            .globalReadOnly
        {
            throw CommandFailure("read-only: \(refusal), so no action is requested (unset it to act)")
        }
        try ActionExecution.oneLine { () throws(ActionProblem) in try ActionValidator.validate(action) }
        let draft = Self.draft(action, source: source)
        if options.dryRun {
            print(
                "would ask billtop serve to \(action.summary) on source \(TextSanitizer.clean(source.name)) with parameters \(TextSanitizer.clean(draft.parameters))"
            )
            print("(dry run: nothing was queued)")
            return
        }
        if !options.yes { try confirm(action, details: details) }
        try await TeamAsk.ask(draft, on: store, wait: options.wait, json: options.json)
    }

    /// A request for `action` on `source` under a fresh token, naming this host (the database names the role).
    static func draft(_ action: Action, source: SourceInfo) -> ActionRequestDraft {
        ActionRequestDraft(
            sourceID: source.id, kind: action.kind.rawValue, objectKind: action.kind.target.rawValue,
            objectID: action.objectID, customerID: action.customerID, parameters: action.parametersJSON,
            token: UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""),
            host: String(ActionRunner.hostName().prefix(255)))
    }

    /// A request for a CRM write on `source` (the customer's billing source, which the journal keeps it under).
    static func draft(_ write: CRMWrite, source: SourceInfo) -> ActionRequestDraft {
        ActionRequestDraft(
            sourceID: source.id, kind: write.kind.rawValue, objectKind: "contact", objectID: write.contactID,
            customerID: write.customerID, parameters: write.parametersJSON,
            token: UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""),
            host: String(ActionRunner.hostName().prefix(255)))
    }

    /// A request for a manual link of a customer of `source`.
    static func draft(_ link: CRMLinkRequest, source: SourceInfo) -> ActionRequestDraft {
        ActionRequestDraft(
            sourceID: source.id, kind: CRMLinkRequest.kind, objectKind: "customer", objectID: link.customerID,
            customerID: link.customerID, parameters: link.parametersJSON,
            token: UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""),
            host: String(ActionRunner.hostName().prefix(255)))
    }

    /// A request for a billing-portal link of a customer of `source`, fetched by serve with its key.
    static func draft(_ portal: PortalLinkRequest, source: SourceInfo) -> ActionRequestDraft {
        ActionRequestDraft(
            sourceID: source.id, kind: PortalLinkRequest.kind, objectKind: "customer", objectID: portal.customerID,
            customerID: portal.customerID, parameters: "{}",
            token: UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""),
            host: String(ActionRunner.hostName().prefix(255)))
    }

    /// Queues the request and waits up to `wait` for serve's outcome (nil: not answered yet). The change number
    /// is read before the insert, so an outcome however fast cannot be missed. A refusal by the database (a
    /// role that may not insert requests) is one line with the right exit status.
    static func queue(
        _ draft: ActionRequestDraft, on store: PostgresStore, wait: Duration, queued: (Int64) -> Void = { _ in }
    ) async throws -> (id: Int64, status: ActionRequestStatus?) {
        do {
            let seq = try await store.latestChange()
            let id = try await store.requestAction(draft)
            queued(id)
            return (id, try await store.awaitActionRequest(id: id, after: seq, timeout: wait))
        } catch let refused as PostgresStoreError {
            throw CommandFailure(refused.message, status: refused.isPermissionDenied ? .auth : .store)
        }
    }

    /// The line for a request serve has not answered within the wait.
    static func unanswered(_ id: Int64) -> String {
        "queued as request \(id); serve has not answered yet: is `billtop serve` running? It performs the request once when it does"
    }

    private func confirm(_ action: Action, details: [String]) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDERR_FILENO) == 1 else {
            throw CommandFailure(
                "not a terminal, so no prompt: add --yes to \(action.summary) (or --dry-run to see the request)",
                status: .usage)
        }
        var lines = ["About to ask billtop serve to \(action.summary) on source \(TextSanitizer.clean(source.name)):"]
        lines += details.map { "  " + TextSanitizer.clean($0) }
        lines.append("Go ahead? [y/N] ")
        FileHandle.standardError.write(Data(lines.joined(separator: "\n").utf8))
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        guard answer == "y" || answer == "yes" else { throw CommandFailure("cancelled: nothing was queued") }
    }

    static func json(_ status: ActionRequestStatus) -> String {
        var object: [String: Any] = [
            "request": status.id, "state": status.state, "requested_by": TextSanitizer.clean(status.requestedBy),
            "token": status.token, "outcome": TextSanitizer.clean(status.outcome),
        ]
        if let code = status.providerStatus { object["provider_status"] = code }
        if let journal = status.journalID { object["journal_id"] = journal }
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]))
            ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
