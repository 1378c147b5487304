import ArgumentParser
import BillingActions
import BillingCore
import BillingStore

/// `billtop invoice resend|pay NUMBER|UID`: the actions on one invoice.
struct InvoiceActionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoice", abstract: "Act on one invoice: resend it by e-mail, record a payment.",
        subcommands: [InvoiceResendCommand.self, InvoicePayCommand.self])

    /// The invoice by number or uid in the store, or one line saying how to find it.
    static func find(_ text: String, setup: ActionSetup) throws -> Stored<Invoice> {
        guard let invoice = try setup.store.invoice(sourceID: setup.source.id, numberOrUID: text) else {
            throw CommandFailure(
                "no invoice \(TextSanitizer.clean(text)) in source \(setup.source.name); "
                    + "try `billtop invoices`, or sync first")
        }
        return invoice
    }

    /// The customer's name and e-mail for a confirmation.
    static func customerLine(_ id: String, setup: ActionSetup) -> String {
        guard let c = try? setup.store.customer(sourceID: setup.source.id, idOrEmail: id)?.value else {
            return "customer \(id)"
        }
        return "customer \(c.id): \(c.displayName) <\(c.email)>"
    }
}

/// `billtop invoice resend NUMBER|UID [--to E]... [--cc E]...`
struct InvoiceResendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resend", abstract: "Send an invoice again by e-mail (default: to the customer).")

    @Argument(help: "The invoice's number or uid.") var invoice: String
    @Option(name: .long, help: "Send to this address too (up to 5).") var to: [String] = []
    @Option(name: .long, help: "Copy to this address (up to 5).") var cc: [String] = []
    @OptionGroup var options: ActionOptions

    func run() async throws {
        if let team = try await TeamAction.open(options) {
            let found = try team.require(
                try await team.store.invoiceTarget(sourceID: team.source.id, numberOrUID: invoice), "invoice \(invoice)"
            )
            var action = Action(kind: .resendInvoice, objectID: found.objectID, customerID: found.customerID)
            action.recipients = to
            action.cc = cc
            return try await team.request(action, details: [found.label], options: options)
        }
        let setup = try ActionSetup.make(options)
        let found = try InvoiceActionCommand.find(invoice, setup: setup)
        var action = Action(kind: .resendInvoice, objectID: found.value.id, customerID: found.value.customerID)
        action.recipients = to
        action.cc = cc
        let details =
            [
                InvoiceActionCommand.customerLine(found.value.customerID, setup: setup),
                "invoice \(found.value.number) (\(found.value.id)), \(MoneyFormatter.format(found.value.total))",
                "to: " + (to.isEmpty ? "the invoice's usual recipients" : to.joined(separator: ", ")),
            ] + (cc.isEmpty ? [] : ["cc: " + cc.joined(separator: ", ")])
        try await ActionExecution.run(action, details: details, setup: setup, options: options)
    }
}

/// `billtop invoice pay NUMBER|UID --amount 12.34 [--method M] [--memo T]`
struct InvoicePayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pay", abstract: "Record an external payment (wire, check, ...) on an invoice.")

    @Argument(help: "The invoice's number or uid.") var invoice: String
    @Option(name: .long, help: "The amount, in the invoice's currency (e.g. 12.34; yen without decimals).")
    var amount: String
    @Option(name: .long, help: "ach, cash, check, credit_card, money_order, other or paypal_account.")
    var method = "other"
    @Option(name: .long, help: "A memo kept with the payment.") var memo = ""
    @OptionGroup var options: ActionOptions

    func run() async throws {
        if let team = try await TeamAction.open(options) { return try await requestOnTeamStore(team) }
        let setup = try ActionSetup.make(options)
        let found = try InvoiceActionCommand.find(invoice, setup: setup)
        let invoice = found.value
        var action = Action(kind: .recordPayment, objectID: invoice.id, customerID: invoice.customerID)
        do { action.amount = try ActionValidator.amount(amount, currency: invoice.currency) } catch {
            throw CommandFailure(error.description, status: .usage)
        }
        action.due = invoice.due
        action.paymentMethod = method
        action.memo = memo
        let details = [
            InvoiceActionCommand.customerLine(invoice.customerID, setup: setup),
            "invoice \(invoice.number) (\(invoice.id))",
            "amount \(action.amount.map { MoneyFormatter.format($0) } ?? amount) "
                + "(due \(MoneyFormatter.format(invoice.due))), method \(method)"
                + (memo.isEmpty ? "" : ", memo \(memo)"),
        ]
        try await ActionExecution.run(action, details: details, setup: setup, options: options)
    }

    /// The same payment asked of billtop serve: the amount is checked against the invoice's currency as the team
    /// store holds it.
    private func requestOnTeamStore(_ team: TeamAction) async throws {
        let found = try team.require(
            try await team.store.invoiceTarget(sourceID: team.source.id, numberOrUID: invoice), "invoice \(invoice)")
        guard let currency = found.currency.flatMap({ Currency($0) }) else {
            throw CommandFailure("invoice \(TextSanitizer.clean(invoice)) has no currency billtop knows")
        }
        var action = Action(kind: .recordPayment, objectID: found.objectID, customerID: found.customerID)
        do { action.amount = try ActionValidator.amount(amount, currency: currency) } catch {
            throw CommandFailure(error.description, status: .usage)
        }
        action.due = found.dueMinor.map { Money(minorUnits: $0, currency: currency) }
        action.paymentMethod = method
        action.memo = memo
        try await team.request(action, details: [found.label, "amount \(amount) \(currency.code)"], options: options)
    }
}
