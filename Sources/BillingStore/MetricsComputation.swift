import BillingCore

/// Everything a refresh writes, computed in memory from one source's data with BillingCore's rules.
struct MetricsComputation: Sendable {
    struct CustomerFigures: Sendable {
        var mrr: Int64 = 0
        var usage: Int64 = 0
        var overdue: Int64 = 0
        var oldestOverdueDay: Int?
    }

    struct CurrencyFigures: Sendable {
        var usage: Int64 = 0
        var scheduledChurn: Int64 = 0
        var openReceivable: Int64 = 0
        var mrrAtRisk: Int64 = 0
    }

    struct CompanyDay: Sendable {
        var currency: Currency
        var day: LocalDate
        var mrr: Int64
        var paying: Int
    }

    let basis: MRRBasis
    let asOf: LocalDate
    let historyFrom: LocalDate
    let series: MRRSeries
    /// Each month's basis label (keyed by its first day).
    let monthBases: [LocalDate: HistoryBasis]
    /// Per customer, the months each basis counted in (nil for an estimate from invoices, or a history longer
    /// than a mask holds): what an incremental refresh updates `monthBases` by.
    let basisMasks: MonthBasisMasks?
    let movements: [MRRMovement]
    let companyDays: [CompanyDay]
    let customers: [CustomerCurrency: CustomerFigures]
    let aging: AgingReport
    let alerts: [DunningAlert]
    /// The rate table the alerts are ordered by (the settings'), which their stored order columns need.
    let conversionRates: ConversionRateTable?
    let currencies: [Currency: CurrencyFigures]

    /// `owed` overrides which invoices may be owed on `asOf` (for an earlier day: including ones paid since).
    init(
        input: MetricsInput, asOf: LocalDate, historyFrom: LocalDate, settings: MetricsSettings,
        owed override: [Invoice]? = nil
    ) {
        basis = input.basis
        self.asOf = asOf
        self.historyFrom = historyFrom
        conversionRates = settings.conversionRates
        let series: MRRSeries
        if input.basis == .subscriptions {
            let timelines = input.timelines()
            series = MRRHistory.fromTimelines(timelines, from: historyFrom, through: asOf, settings: settings)
            let masks = MonthBasisMasks(timelines, from: historyFrom, through: asOf, settings: settings)
            basisMasks = masks
            monthBases =
                masks?.monthBases
                ?? MRRHistory.monthBases(timelines, from: historyFrom, through: asOf, settings: settings)
        } else {
            basisMasks = nil
            series = MRRHistory.fromInvoices(input.invoices, from: historyFrom, through: asOf)
            var bases: [LocalDate: HistoryBasis] = [:]
            var month = historyFrom.startOfMonth
            while month <= asOf {
                bases[month] = .invoices
                month = month.adding(months: 1)
            }
            monthBases = bases
        }
        self.series = series
        // The series starts at `historyFrom`: everyone live that day would look "new", so that day has no movements.
        movements = series.movements(through: asOf, reactivationWindowDays: settings.reactivationWindowDays)
            .filter { $0.date > historyFrom }
        companyDays = Self.companyDays(series, from: historyFrom, through: asOf)

        var customers: [CustomerCurrency: CustomerFigures] = [:]
        for (key, points) in series.points {
            let value = series.value(key, on: asOf)
            if value != 0 || !points.isEmpty { customers[key, default: .init()].mrr = value }
        }
        var currencies: [Currency: CurrencyFigures] = [:]
        for subscription in input.subscriptions {
            let usage = SubscriptionMRR.usageRunRate(of: subscription, on: asOf, settings: settings)
            if !usage.isZero {
                customers[
                    CustomerCurrency(customerID: subscription.customerID, currency: usage.currency), default: .init()
                ].usage += usage.minorUnits
                currencies[usage.currency, default: .init()].usage += usage.minorUnits
            }
            if let churn = SubscriptionMRR.scheduledChurn(of: subscription, on: asOf, settings: settings) {
                currencies[churn.currency, default: .init()].scheduledChurn += churn.minorUnits
            }
        }
        let owed = override ?? input.invoices.filter { $0.status.isCollectible }
        for invoice in owed where InvoiceStanding.isOverdue(invoice, on: asOf) {
            let key = CustomerCurrency(customerID: invoice.customerID, currency: invoice.currency)
            var figures = customers[key] ?? .init()
            figures.overdue += InvoiceStanding.outstanding(invoice, on: asOf).minorUnits
            if let due = invoice.dueDate?.daysSinceEpoch {
                figures.oldestOverdueDay = min(figures.oldestOverdueDay ?? due, due)
            }
            customers[key] = figures
        }
        customers = customers.filter { $0.value.mrr != 0 || $0.value.usage != 0 || $0.value.overdue != 0 }
        self.customers = customers
        aging = AgingReport(invoices: owed, asOf: asOf)
        for amount in aging.openReceivable.amounts {
            currencies[amount.currency, default: .init()].openReceivable = amount.minorUnits
        }

        alerts = Self.alerts(input: input, owed: owed, customers: customers, asOf: asOf, settings: settings)
        for alert in alerts {
            for amount in alert.customerMRR.amounts {
                currencies[amount.currency, default: .init()].mrrAtRisk += amount.minorUnits
            }
        }
        self.currencies = currencies
    }

    /// Company MRR and paying customers per currency for every day of the history.
    static func companyDays(_ series: MRRSeries, from first: LocalDate, through last: LocalDate) -> [CompanyDay] {
        var mrrDelta: [Currency: [Int: Int64]] = [:]
        var payingDelta: [Currency: [Int: Int]] = [:]
        for (key, points) in series.points {
            var previous: Int64 = 0
            for point in points {
                let day = point.day.daysSinceEpoch
                mrrDelta[key.currency, default: [:]][day, default: 0] += point.minorUnits - previous
                let change = (point.minorUnits > 0 ? 1 : 0) - (previous > 0 ? 1 : 0)
                if change != 0 { payingDelta[key.currency, default: [:]][day, default: 0] += change }
                previous = point.minorUnits
            }
        }
        var days: [CompanyDay] = []
        for currency in mrrDelta.keys.sorted() {
            var mrr: Int64 = 0
            var paying = 0
            let deltas = mrrDelta[currency]!
            let payingDeltas = payingDelta[currency] ?? [:]
            for day in first.daysSinceEpoch...last.daysSinceEpoch {
                mrr += deltas[day] ?? 0
                paying += payingDeltas[day] ?? 0
                days.append(
                    CompanyDay(currency: currency, day: LocalDate(daysSinceEpoch: day), mrr: mrr, paying: paying))
            }
        }
        return days
    }

    /// Dunning alerts for customers with an overdue invoice or a subscription in dunning, in display order.
    static func alerts(
        input: MetricsInput, owed: [Invoice], customers figures: [CustomerCurrency: CustomerFigures], asOf: LocalDate,
        settings: MetricsSettings
    ) -> [DunningAlert] {
        var subsByCustomer: [String: [Subscription]] = [:]
        for subscription in input.subscriptions {
            subsByCustomer[subscription.customerID, default: []].append(subscription)
        }
        var invoicesByCustomer: [String: [Invoice]] = [:]
        for invoice in owed { invoicesByCustomer[invoice.customerID, default: []].append(invoice) }
        var eventsBySubscription: [String: [BillingEvent]] = [:]
        for event in input.events {
            if let id = event.subscriptionID { eventsBySubscription[id, default: []].append(event) }
        }
        var mrrByCustomer: [String: MoneyTotals] = [:]
        for (key, value) in figures where value.mrr != 0 {
            mrrByCustomer[key.customerID, default: MoneyTotals()].add(
                Money(minorUnits: value.mrr, currency: key.currency))
        }
        let names = Dictionary(input.customers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        var candidates = Set(subsByCustomer.filter { $0.value.contains { $0.state.isProblem } }.keys)
        for (customer, invoices) in invoicesByCustomer
        where invoices.contains(where: { InvoiceStanding.isOverdue($0, on: asOf) }) {
            candidates.insert(customer)
        }
        var alerts: [DunningAlert] = []
        for customerID in candidates.sorted() {
            let subscriptions = subsByCustomer[customerID] ?? []
            let events = subscriptions.flatMap { eventsBySubscription[$0.id] ?? [] }
            guard
                var alert = DunningAlerts.alert(
                    customer: names[customerID] ?? Customer(id: customerID), subscriptions: subscriptions,
                    invoices: invoicesByCustomer[customerID] ?? [], events: events, asOf: asOf, settings: settings)
            else { continue }
            // The refresh's own MRR figures (history-consistent, and the estimate when there are no subscriptions).
            alert.customerMRR = mrrByCustomer[customerID] ?? MoneyTotals()
            alert.moneyAtRisk = alert.totalDue[alert.riskCurrency] + alert.customerMRR[alert.riskCurrency]
            alerts.append(alert)
        }
        return DunningAlerts.ordered(alerts, rates: settings.conversionRates)
    }
}
