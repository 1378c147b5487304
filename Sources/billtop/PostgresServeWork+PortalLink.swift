import BillingActions
import BillingCore
import BillingStore
import Foundation
import Logging

/// Serve's side of a viewer's billing-portal link (`PortalLinkRequest`): fetched with the source's key, given to
/// the viewer as the request's outcome, kept out of serve's log, and cleared from the team store by `tidy`.
extension PostgresServeWork {
    /// A viewer's billing-portal link, fetched with serve's key for the source: the outcome is the link for the
    /// viewer who waits on it (cleared by `tidy`), the log only says one was given.
    func portalLink(_ portal: PortalLinkRequest, request: QueuedActionRequest, source: SourceInfo) async
        -> ActionRequestOutcome
    {
        // Asked for while no serve ran: the one who asked stopped waiting long ago, and Maxio gives 15 links a day.
        guard request.waitedSeconds < Double(PortalLinkRequest.keptFor.components.seconds) else {
            return ActionRequestOutcome(
                state: .refused,
                message:
                    "refused by serve: asked \(Int(request.waitedSeconds / 60)) minutes ago, longer than anyone waits for a link; ask again"
            )
        }
        do {
            if let refusal = try await unknownCustomer(portal.customerID, source: source) { return refusal }
            let runner = try actionRunner(for: source, who: request.requestedBy, host: request.host)
            switch await runner.portalLink(customerID: portal.customerID) {
            case .success(let link):
                return ActionRequestOutcome(
                    state: .succeeded, message: link.json, providerStatus: 200,
                    logMessage: PortalLinkRequest.logLine(customerID: portal.customerID))
            case .failure(let problem):
                return ActionRequestOutcome(state: .failed, message: problem.description)
            }
        } catch {
            return outcome(ofThrown: error, notDone: "no link was fetched")
        }
    }

    /// Clears the billing-portal links viewers were given once they are `PortalLinkRequest.keptFor` old.
    func tidy() async {
        do {
            let cleared = try await store.forgetOutcomes(
                kind: PortalLinkRequest.kind, olderThan: PortalLinkRequest.keptFor,
                replacement: PortalLinkRequest.cleared)
            if cleared > 0 { logger.info("cleared \(cleared) billing-portal link(s) from the team store") }
        } catch {
            logger.warning(
                "could not clear old billing-portal links: \(TextSanitizer.clean(store.writeFailure(error)))")
        }
    }
}
