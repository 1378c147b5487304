import ArgumentParser
import BillingActions
import BillingCore
import BillingStore

/// `billtop subscription VERB ID`: the actions on one subscription.
struct SubscriptionActionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscription",
        abstract: "Act on one subscription: retry, stop dunning, pause, resume, cancel at period end, notes, coupons.",
        subcommands: [
            SubscriptionVerbCommand<RetryVerb>.self, SubscriptionVerbCommand<CancelDunningVerb>.self,
            SubscriptionVerbCommand<PauseVerb>.self, SubscriptionVerbCommand<ResumeVerb>.self,
            SubscriptionVerbCommand<CancelAtPeriodEndVerb>.self, SubscriptionVerbCommand<UndoCancelVerb>.self,
            SubscriptionVerbCommand<ReactivateVerb>.self, SubscriptionNoteCommand.self,
            SubscriptionAddCouponCommand.self,
        ])

    /// The action on subscription `id` with the confirmation's lines (customer, product, state).
    static func action(_ kind: ActionKind, id: String, setup: ActionSetup) throws -> (Action, [String]) {
        guard let stored = try setup.store.subscription(sourceID: setup.source.id, id: id) else {
            throw CommandFailure(
                "no subscription \(TextSanitizer.clean(id)) in source \(setup.source.name); "
                    + "try `billtop customer ID` to list a customer's subscriptions, or sync first")
        }
        let s = stored.value
        let details = [
            InvoiceActionCommand.customerLine(s.customerID, setup: setup),
            "subscription \(s.id): \(s.productName), \(s.state.apiValue), "
                + "\(MoneyFormatter.format(s.productPrice)) \(s.interval.description)",
        ]
        return (Action(kind: kind, objectID: s.id, customerID: s.customerID), details)
    }
}

/// One verb without parameters: its action and its command name.
protocol SubscriptionVerb {
    static var kind: ActionKind { get }
    static var name: String { get }
    static var abstract: String { get }
}

enum RetryVerb: SubscriptionVerb {
    static let kind = ActionKind.retry, name = "retry", abstract = "Retry a failed renewal now."
}
enum CancelDunningVerb: SubscriptionVerb {
    static let kind = ActionKind.cancelDunning, name = "cancel-dunning", abstract = "Stop dunning."
}
enum PauseVerb: SubscriptionVerb {
    static let kind = ActionKind.pause, name = "pause", abstract = "Put the subscription on hold."
}
enum ResumeVerb: SubscriptionVerb {
    static let kind = ActionKind.resume, name = "resume", abstract = "Resume a subscription on hold."
}
enum CancelAtPeriodEndVerb: SubscriptionVerb {
    static let kind = ActionKind.cancelAtPeriodEnd, name = "cancel-at-period-end",
        abstract = "Cancel at the end of the current period."
}
enum UndoCancelVerb: SubscriptionVerb {
    static let kind = ActionKind.undoCancel, name = "undo-cancel", abstract = "Undo a cancellation at period end."
}
enum ReactivateVerb: SubscriptionVerb {
    static let kind = ActionKind.reactivate, name = "reactivate", abstract = "Reactivate a canceled subscription."
}

/// `billtop subscription retry|cancel-dunning|pause|resume|cancel-at-period-end|undo-cancel|reactivate ID`
struct SubscriptionVerbCommand<Verb: SubscriptionVerb>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: Verb.name, abstract: Verb.abstract)
    }

    @Argument(help: "The subscription's id.") var id: String
    @OptionGroup var options: ActionOptions

    func run() async throws {
        if let team = try await TeamAction.open(options) {
            let (action, details) = try await team.subscriptionAction(Verb.kind, id: id)
            return try await team.request(action, details: details, options: options)
        }
        let setup = try ActionSetup.make(options)
        let (action, details) = try SubscriptionActionCommand.action(Verb.kind, id: id, setup: setup)
        try await ActionExecution.run(action, details: details, setup: setup, options: options)
    }
}

/// `billtop subscription note ID TEXT`
struct SubscriptionNoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Add a note to a subscription.")

    @Argument(help: "The subscription's id.") var id: String
    @Argument(help: "The note's text (quote it).") var text: String
    @OptionGroup var options: ActionOptions

    func run() async throws {
        if let team = try await TeamAction.open(options) {
            var (action, details) = try await team.subscriptionAction(.addNote, id: id)
            action.note = text
            return try await team.request(action, details: details + ["note: \(text)"], options: options)
        }
        let setup = try ActionSetup.make(options)
        var (action, details) = try SubscriptionActionCommand.action(.addNote, id: id, setup: setup)
        action.note = text
        try await ActionExecution.run(action, details: details + ["note: \(text)"], setup: setup, options: options)
    }
}

/// `billtop subscription add-coupon ID CODE`
struct SubscriptionAddCouponCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-coupon", abstract: "Apply a coupon code to a subscription.")

    @Argument(help: "The subscription's id.") var id: String
    @Argument(help: "The coupon code.") var code: String
    @OptionGroup var options: ActionOptions

    func run() async throws {
        if let team = try await TeamAction.open(options) {
            var (action, details) = try await team.subscriptionAction(.addCoupon, id: id)
            action.couponCode = code
            return try await team.request(action, details: details + ["coupon: \(code)"], options: options)
        }
        let setup = try ActionSetup.make(options)
        var (action, details) = try SubscriptionActionCommand.action(.addCoupon, id: id, setup: setup)
        action.couponCode = code
        try await ActionExecution.run(action, details: details + ["coupon: \(code)"], setup: setup, options: options)
    }
}
