/// Builds dunning alerts from one customer's data, and orders them by money at risk.
public enum DunningAlerts {
    /// Days ahead in which an expiring card is flagged.
    public static let cardWarningDays = 30

    /// The alert for one customer on `asOf`, or nil when nothing is overdue and no subscription is in dunning.
    public static func alert(
        customer: Customer, subscriptions: [Subscription], invoices: [Invoice], events: [BillingEvent],
        asOf: LocalDate, settings: MetricsSettings = .standard
    ) -> DunningAlert? {
        var totalDue = MoneyTotals()
        var oldest: DunningAlert.OverdueInvoice?
        var unreadable: [String] = []
        for invoice in invoices where InvoiceStanding.isOverdue(invoice, on: asOf) {
            let due = InvoiceStanding.outstanding(invoice, on: asOf)
            if InvoiceStanding.dueIsUnreadable(invoice, on: asOf) {
                unreadable.append(TextSanitizer.clean(invoice.number))
            }
            totalDue.add(due)
            guard let dueDate = invoice.dueDate else { continue }
            if oldest == nil || dueDate < oldest!.dueDate
                || (dueDate == oldest!.dueDate && invoice.id < oldest!.invoiceID)
            {
                oldest = .init(
                    invoiceID: invoice.id, number: TextSanitizer.clean(invoice.number), dueDate: dueDate,
                    daysOverdue: InvoiceStanding.daysOverdue(invoice, on: asOf), due: due)
            }
        }
        let problem = subscriptions.filter { $0.state.isProblem }
        guard oldest != nil || !problem.isEmpty else { return nil }

        let state = mostSerious(subscriptions.map(\.state))
        let watched = problem.isEmpty ? subscriptions.filter { !$0.state.isEnded } : problem
        let watchedIDs = Set(watched.map(\.id))
        let summary = DunningEventSummary(events: events.filter { $0.subscriptionID.map(watchedIDs.contains) ?? false })
        let card = watched.compactMap { sub -> LocalDate? in
            guard let card = sub.creditCard, card.expires(within: cardWarningDays, of: asOf) else { return nil }
            return card.lastValidDay
        }.min()
        let cancellation = subscriptions.compactMap { SubscriptionMRR.scheduledEnd(of: $0) }.min()
        let mrr = MRRRollup.customerMRR(subscriptions, on: asOf, settings: settings)
        let riskCurrency = oldest?.due.currency ?? (problem.first ?? subscriptions[0]).currency
        let risk = totalDue[riskCurrency] + mrr[riskCurrency]
        var alert = DunningAlert(
            customerID: customer.id, customerName: TextSanitizer.clean(customer.displayName), customerMRR: mrr,
            oldestOverdue: oldest, totalDue: totalDue, subscriptionState: state, dunning: summary,
            cardExpiringOn: card, scheduledCancellationOn: cancellation, riskCurrency: riskCurrency, moneyAtRisk: risk)
        alert.unreadableDue = unreadable.isEmpty ? nil : unreadable.sorted()
        return alert
    }

    /// The most serious state among a customer's subscriptions.
    public static func mostSerious(_ states: [SubscriptionState]) -> SubscriptionState? {
        func rank(_ state: SubscriptionState) -> Int {
            switch state {
            case .unpaid: 0
            case .pastDue: 1
            case .softFailure: 2
            case .active, .assessing: 3
            case .onHold, .paused, .suspended: 4
            case .trialing, .trialEnded, .pending, .awaitingSignup: 5
            default: 6
            }
        }
        return states.min { rank($0) < rank($1) }
    }

    /// Orders alerts by money at risk (overdue due + customer MRR), largest first (`DunningAlertRankKey.ordered`
    /// says how currencies and ties are ordered).
    public static func ordered(_ alerts: [DunningAlert], rates: ConversionRateTable? = nil) -> [DunningAlert] {
        DunningAlertRankKey.ordered(alerts.map(DunningAlertRankKey.init), rates: rates).map { alerts[$0] }
    }

    /// Open receivable and MRR at risk over a set of alerts (each customer once).
    public static func amountAtRisk(_ alerts: some Sequence<DunningAlert>) -> (
        openReceivable: MoneyTotals, mrrAtRisk: MoneyTotals
    ) {
        var receivable = MoneyTotals()
        var mrr = MoneyTotals()
        for alert in alerts {
            receivable.add(alert.totalDue)
            mrr.add(alert.customerMRR)
        }
        return (receivable, mrr)
    }
}
