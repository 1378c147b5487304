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
        let link: BillingPortalLink
        switch await setup.runner.portalLink(customerID: found.value.id) {
        case .success(let found): link = found
        case .failure(let problem): throw CommandFailure(problem.description)
        }
        if options.json {
            var object: [String: String] = ["customer": TextSanitizer.clean(found.value.id), "url": link.url]
            if let expires = link.expiresAt { object["expires_at"] = expires }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(link.line)
        }
    }

    /// On a team store serve fetches the link with its key; it comes back as the request's outcome (the same line,
    /// or with `--json` the request's JSON, its `outcome` the line). Asking is a read of the provider, not an
    /// action: no confirmation, and a read-only switch does not stop it.
    private func ask(_ team: TeamAction) async throws {
        do {
            let found = try team.require(
                try await team.store.customerTarget(sourceID: team.source.id, customer: customer),
                "single customer \(customer)")
            try await TeamAsk.ask(
                TeamAction.draft(
                    PortalLinkRequest(customerID: found.customerID ?? found.objectID), source: team.source),
                on: team.store, wait: options.wait, json: options.json)
        } catch {
            await team.store.close()
            throw error
        }
        await team.store.close()
    }
}
