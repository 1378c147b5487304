import ArgumentParser
import BillingActions
import BillingCore
import BillingStore

/// `billtop customer ...`: `billtop customer ID` still shows one customer (the default subcommand);
/// `card-update-email` and `create` act.
struct CustomerGroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customer", abstract: "Show one customer from the store, or act on one.",
        subcommands: [
            CustomerCommand.self, CustomerCardUpdateEmailCommand.self, CustomerPortalLinkCommand.self,
            CustomerCreateCommand.self,
        ],
        defaultSubcommand: CustomerCommand.self)
}

/// `billtop customer card-update-email ID|EMAIL`: the e-mail that lets the customer update their card, sent
/// for their subscription (the one in dunning first).
struct CustomerCardUpdateEmailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "card-update-email", abstract: "Send the customer the e-mail to update their card.")

    @Argument(help: "The customer's id, e-mail or reference.") var customer: String
    @OptionGroup var options: ActionOptions

    func run() async throws {
        if let team = try await TeamAction.open(options) {
            let found = try team.require(
                try await team.store.cardUpdateTarget(sourceID: team.source.id, customer: customer),
                "single customer \(customer) with a subscription")
            let action = Action(kind: .cardUpdateEmail, objectID: found.objectID, customerID: found.customerID)
            return try await team.request(action, details: [found.label], options: options)
        }
        let setup = try ActionSetup.make(options)
        guard let found = try setup.store.customer(sourceID: setup.source.id, idOrEmail: customer) else {
            throw CommandFailure(
                "no single customer \(TextSanitizer.clean(customer)) in source \(setup.source.name); "
                    + "try `billtop customers \(TextSanitizer.clean(customer))`")
        }
        let subscriptions = try setup.store.customer(found.key)?.subscriptions.map(\.value) ?? []
        // The card matters most where a payment is failing; else the live one.
        let order: [SubscriptionState] = [.pastDue, .unpaid, .active, .trialing, .onHold]
        guard
            let target = order.lazy.compactMap({ state in subscriptions.first { $0.state == state } }).first
                ?? subscriptions.first
        else {
            throw CommandFailure("customer \(TextSanitizer.clean(found.value.id)) has no subscription to send it for")
        }
        var (action, details) = try SubscriptionActionCommand.action(.cardUpdateEmail, id: target.id, setup: setup)
        action.customerID = found.value.id
        try await ActionExecution.run(
            action, details: details + ["to: \(found.value.email)"], setup: setup, options: options)
    }
}

/// `billtop customer create --first-name F --last-name L --email E [--organization O] [--reference R]`
struct CustomerCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a customer.")

    @Option(name: .long) var firstName: String
    @Option(name: .long) var lastName: String
    @Option(name: .long) var email: String
    @Option(name: .long) var organization = ""
    @Option(name: .long, help: "Your own id for the customer (a CRM contact id); must be unique.") var reference = ""
    @OptionGroup var options: ActionOptions

    func run() async throws {
        let team = try await TeamAction.open(options)
        let setup = team == nil ? try ActionSetup.make(options) : nil
        var action = Action(kind: .createCustomer, objectID: "")
        action.newCustomer = Action.NewCustomer(
            firstName: firstName, lastName: lastName, email: email, organization: organization, reference: reference)
        let details = [
            "customer: \(firstName) \(lastName) <\(email)>"
                + (organization.isEmpty ? "" : ", \(organization)")
                + (reference.isEmpty ? "" : ", reference \(reference)")
        ]
        if let team { return try await team.request(action, details: details, options: options) }
        if let setup { try await ActionExecution.run(action, details: details, setup: setup, options: options) }
    }
}
