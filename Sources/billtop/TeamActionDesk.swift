import BillingActions
import BillingCore
import BillingStore
import BilltopApp
import Foundation

/// The dashboard's actions on a team store: the viewer holds no key, so each action becomes a request row that
/// `billtop serve` performs once with its key (re-checked there with serve's own rules), and the screen shows
/// serve's outcome. CRM notes, tasks and manual links are requests too (serve holds the GHL tokens and the writer's rights), and
/// so is a billing-portal link (serve fetches it with the source's key; see `PortalLinkRequest`).
struct TeamActionDesk: ActionPerforming {
    /// Each request opens its own connection: a server restarted while the screen was open does not leave the
    /// desk holding a dead one (requests are rare; a connection is a few milliseconds on a team's network).
    let url: PostgresStoreURL
    let availability: ActionAvailability
    /// How long the screen waits for serve's answer before saying the request is queued.
    let wait: Duration

    init(url: PostgresStoreURL, sources: [String], readOnly: ActionPolicy, wait: Duration = .seconds(30)) {
        self.url = url
        self.wait = wait
        let refusal = readOnly.globalReadOnly.map { "read-only: \($0)" }
        var reasons: [String: [ActionKind: String]] = [:]
        for name in sources {
            reasons[name] = Dictionary(
                uniqueKeysWithValues: ActionKind.allCases.compactMap { kind in
                    refusal.map { (kind, $0) }
                })
        }
        availability = ActionAvailability(
            kindReasons: reasons, fallback: refusal,
            crmReason: refusal,
            performedByServe: true)
    }

    func perform(_ action: BillingActions.Action, source: String) async -> ActionReport {
        do { try ActionValidator.validate(action) } catch {
            return ActionReport(lines: ["nothing was queued: \(error)"], succeeded: false)
        }
        return await queue({ TeamAction.draft(action, source: $0) }, source: source)
    }

    /// A note, task or completed task becomes a request like a billing action: serve writes it to GHL with the
    /// location's token, once, under this request's token, journalled under the customer's billing source.
    func performCRM(_ write: CRMWrite, source: String) async -> ActionReport {
        await queue({ TeamAction.draft(write, source: $0) }, source: source)
    }

    /// Queues the request `draft` makes for the source called `source` and waits for serve's answer, which
    /// `answer` reads (by default `served`: serve's line with the request's number, succeeded as serve says).
    private func queue(
        _ draft: (SourceInfo) -> ActionRequestDraft, source: String,
        answer: (ActionRequestStatus) -> (line: String, succeeded: Bool) = served
    ) async -> ActionReport {
        let started = ContinuousClock.now
        do {
            let team = try await PostgresStore.openForReading(url)
            defer { Task { await team.close() } }
            guard let info = try await team.sources().first(where: { $0.name == source }) else {
                return ActionReport(
                    lines: ["nothing was queued: source \(TextSanitizer.clean(source)) is not in the team store"],
                    succeeded: false)
            }
            let (id, status) = try await TeamAction.queue(draft(info), on: team, wait: wait)
            let elapsed = ContinuousClock.now - started
            let milliseconds = Int(
                elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
            guard let status else {
                return ActionReport(lines: [TeamAction.unanswered(id)], succeeded: false, milliseconds: milliseconds)
            }
            let (line, succeeded) = answer(status)
            return ActionReport(lines: [line], succeeded: succeeded, milliseconds: milliseconds)
        } catch {
            return ActionReport(
                lines: ["nothing was queued: \(TextSanitizer.clean(String(describing: error)))"], succeeded: false)
        }
    }

    /// A manual link (or, with no contact, an unlink) becomes a request: serve resolves the contact against the
    /// team store and keeps the link there, and every copy follows it.
    func linkContact(_ key: CustomerKey, contact: String) async -> ActionReport {
        let link = CRMLinkRequest(customerID: key.id, contact: contact)
        let draft = { (info: SourceInfo) in TeamAction.draft(link, source: info) }
        return await queue(draft, source: key.source)
    }

    /// Serve fetches the link with its key; a link comes back as the line to copy, as on a single user's store.
    func portalLink(customerID: String, source: String) async -> ActionReport {
        let portal = PortalLinkRequest(customerID: customerID)
        return await queue({ TeamAction.draft(portal, source: $0) }, source: source) { status in
            // Only a link that passes the provider's checks is shown to copy; anything else is serve's line.
            guard status.state == "succeeded", let link = BillingPortalLink.parse(Data(status.outcome.utf8)) else {
                return (Self.served(status).line, false)
            }
            return (link.line, true)
        }
    }

    /// Serve's outcome as one line with the request's number, and whether serve says it succeeded.
    private static func served(_ status: ActionRequestStatus) -> (line: String, succeeded: Bool) {
        ("serve: \(TextSanitizer.clean(status.outcome)) (request \(status.id))", status.state == "succeeded")
    }

    /// Serve resumes unanswered attempts (the next leader takes over `running` requests); a viewer has none.
    func resumePending() async -> [ActionReport] { [] }
}
