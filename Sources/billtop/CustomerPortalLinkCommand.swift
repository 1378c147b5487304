import ArgumentParser
import BillingActions
import BillingCore
import BillingStore
import Foundation

/// `billtop customer portal-link ID|EMAIL`: the customer's billing-portal link, to paste into a reply (they
/// update their card or pay there). A read with the source's key; nothing is journalled or changed.
struct CustomerPortalLinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portal-link",
        abstract: "Print the customer's billing-portal link (card update, invoices) to paste into a reply.")

    @Argument(help: "The customer's id, e-mail or reference.") var customer: String
    @OptionGroup var options: ActionOptions

    func run() async throws {
        if let team = try await TeamAction.open(options) { return try await ask(team) }
        let setup = try ActionSetup.make(options)
        guard let found = try setup.store.customer(sourceID: setup.source.id, idOrEmail: customer) else {
            throw CommandFailure(
                "no single customer \(TextSanitizer.clean(customer)) in source \(setup.source.name); "
                    + "try `billtop customers \(TextSanitizer.clean(customer))`")
        }
        switch await setup.runner.portalLink(customerID: found.value.id) {
        case .success(let link): print(output(link, customerID: found.value.id))
        case .failure(let problem): throw CommandFailure(problem.description)
        }
    }

    /// The link as one line, or with `--json` an object with the customer, the URL and its expiry: the same on
    /// both engines.
    private func output(_ link: BillingPortalLink, customerID: String) -> String {
        guard options.json else { return link.line }
        var object: [String: String] = ["customer": TextSanitizer.clean(customerID), "url": link.url]
        if let expires = link.expiresAt { object["expires_at"] = expires }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// On a team store serve fetches the link with its key and hands it back as the request's outcome (its JSON,
    /// read back with the same checks as a provider's answer); printed as on a single user's store. Asking is a
    /// read of the provider, not an action: no confirmation, and a read-only switch does not stop it.
    private func ask(_ team: TeamAction) async throws {
        do {
            let found = try team.require(
                try await team.store.customerTarget(sourceID: team.source.id, customer: customer),
                "single customer \(customer)")
            let customerID = found.customerID ?? found.objectID
            let status = try await TeamAsk.answer(
                TeamAction.draft(PortalLinkRequest(customerID: customerID), source: team.source), on: team.store,
                wait: options.wait)
            guard status.state == "succeeded", let link = BillingPortalLink.parse(Data(status.outcome.utf8)) else {
                let code: ExitStatus = status.providerStatus == 401 || status.providerStatus == 403 ? .auth : .failure
                throw CommandFailure(
                    "serve: \(TextSanitizer.clean(status.outcome)) (request \(status.id))", status: code)
            }
            print(output(link, customerID: customerID))
        } catch {
            await team.store.close()
            throw error
        }
        await team.store.close()
    }
}
