import BillingCore
import BillingStore
import BilltopApp

/// Hand-written fixture data: international names, several currencies (0, 2 and 3 decimals), every invoice
/// state the panes colour differently, and hostile names that must stay inert.
enum Fixtures {
    static let now = Timestamp(iso: "2026-06-20T12:00:00Z")!
    static let today = LocalDate(iso: "2026-06-20")!
    static let source = "acme"

    static func key(_ id: String) -> CustomerKey { CustomerKey(source: source, id: id) }
    static func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    static func t(_ text: String) -> Timestamp { Timestamp(iso: text + "T00:00:00Z")! }
    static func m(_ text: String, _ currency: Currency) -> Money { try! Money.parse(text, currency: currency) }

    static let sek = Currency("SEK")!

    struct Spec {
        var id: String
        var customer: Customer
        var state: SubscriptionState?
        var product = "Pro"
        var price: Money?
        var interval = BillingInterval.monthly
        var card: CreditCard? = nil
        var cancelAt: Timestamp? = nil
        var invoices: [Invoice] = []
        var stage: String? = nil
        var retries: Int? = nil
        var reason: String? = nil
        var timeline: [TimelineEntry] = []
    }

    static func invoice(
        _ number: String, _ customer: String, _ status: InvoiceStatus, _ total: Money, due: Money? = nil,
        issued: String, dueOn: String, paidOn: String? = nil
    ) -> Invoice {
        let owed = due ?? (status == .paid ? .zero(total.currency) : total)
        var payments: [Payment] = []
        if let paidOn {
            payments.append(
                Payment(
                    id: "pay_\(number)", transactionTime: t(paidOn), originalAmount: total, appliedAmount: total,
                    method: "credit_card", methodDetail: "visa ****4242"))
        }
        return Invoice(
            id: "inv_\(number)", number: number, customerID: customer, status: status, currency: total.currency,
            issueDate: d(issued), dueDate: d(dueOn), paidDate: paidOn.map(d), total: total,
            paid: status == .paid ? total : nil, due: owed, payments: payments)
    }

    /// Jane Doe's history, newest first: a failed renewal (with a hostile reason that must stay inert), its
    /// dunning step, the state change, and the payment of the previous invoice.
    static var timeline1001: [TimelineEntry] {
        [
            TimelineEntry(at: t("2026-06-12"), kind: .dunning, text: "dunning step 1: email"),
            TimelineEntry(
                at: t("2026-06-09"), kind: .paymentFailure, text: "payment failed: card declined \u{1B}[2J\nreboot",
                amount: m("1200", .usd)),
            TimelineEntry(at: t("2026-06-09"), kind: .stateChange, text: "state active → past_due"),
            TimelineEntry(at: t("2026-05-02"), kind: .payment, text: "Payment received", amount: m("1200", .usd)),
        ]
    }

    static var specs: [Spec] {
        [
            Spec(
                id: "1001",
                customer: Customer(
                    id: "1001", firstName: "Jane", lastName: "Doe", email: "jane@acme.io",
                    organization: "Acme Corp", reference: "CRM-001", city: "Boston", country: "US"),
                state: .active, price: m("1200", .usd),
                invoices: [
                    invoice("INV-1042", "1001", .open, m("1200", .usd), issued: "2026-05-25", dueOn: "2026-06-08"),
                    invoice(
                        "INV-1001", "1001", .paid, m("1200", .usd), issued: "2026-04-25", dueOn: "2026-05-09",
                        paidOn: "2026-05-02"),
                ],
                timeline: timeline1001),
            Spec(
                id: "1002",
                customer: Customer(
                    id: "1002", firstName: "Hank", lastName: "Scorpio", email: "hank@globex.com",
                    organization: "Globex", reference: "CRM-002", city: "Cypress Creek", country: "US"),
                state: .active, product: "Enterprise", price: m("980", .eur),
                invoices: [
                    invoice("INV-1039", "1002", .open, m("980", .eur), issued: "2026-06-09", dueOn: "2026-06-23")
                ]),
            Spec(
                id: "1003",
                customer: Customer(
                    id: "1003", firstName: "José", lastName: "Ñúñez", email: "jose@cafeole.es",
                    organization: "Café Olé S.L.", reference: "CRM-003", city: "Sevilla", country: "ES"),
                state: .active, product: "Starter", price: m("49", .eur),
                invoices: [
                    invoice(
                        "INV-1030", "1003", .paid, m("49", .eur), issued: "2026-06-01", dueOn: "2026-06-15",
                        paidOn: "2026-06-01")
                ]),
            Spec(
                id: "1004",
                customer: Customer(
                    id: "1004", firstName: "太郎", lastName: "山田", email: "taro@yamada.jp",
                    organization: "株式会社ヤマダ", reference: "CRM-004", city: "東京", country: "JP"),
                state: .pastDue, product: "Pro JP", price: m("50000", .jpy),
                card: CreditCard(
                    cardType: "visa", maskedNumber: "XXXX-XXXX-XXXX-1111", expirationMonth: 6, expirationYear: 2026),
                invoices: [
                    invoice("INV-0990", "1004", .open, m("50000", .jpy), issued: "2026-04-22", dueOn: "2026-05-06")
                ],
                stage: "step 2", retries: 3, reason: "card_declined"),
            Spec(
                id: "1005",
                customer: Customer(
                    id: "1005", firstName: "Zoë", lastName: "Ångström", email: "zoe@fjord.se",
                    organization: "Fjörd AB", reference: "CRM-005", city: "Malmö", country: "SE"),
                state: .active, product: "Team", price: m("300", .gbp), cancelAt: t("2026-07-01")),
            Spec(
                id: "1006",
                customer: Customer(
                    id: "1006", firstName: "محمد", lastName: "الكويتي", email: "m@gulf.kw",
                    organization: "شركة الخليج", reference: "CRM-006", city: "الكويت", country: "KW"),
                state: .unpaid, product: "Pro KW", price: m("12.500", .kwd),
                invoices: [
                    invoice("INV-0950", "1006", .open, m("12.500", .kwd), issued: "2026-03-03", dueOn: "2026-03-17")
                ],
                stage: "final notice", retries: 5),
            Spec(
                id: "1007",
                customer: Customer(
                    id: "1007", firstName: "Ava", lastName: "Stone", email: "ava@rocket.de",
                    organization: "🚀 Rocket GmbH", reference: "CRM-007", city: "Berlin", country: "DE"),
                state: .active, product: "Scale", price: m("7500", .eur), interval: .quarterly,
                invoices: [
                    invoice(
                        "INV-1040", "1007", .paid, m("7500", .eur), issued: "2026-06-01", dueOn: "2026-06-15",
                        paidOn: "2026-06-03")
                ]),
            Spec(
                id: "1008",
                customer: Customer(
                    id: "1008", firstName: "Evil\u{1B}[31m", lastName: "Corp\u{07}",
                    email: "x@evil.test", organization: "Evil\u{1B}]0;pwned\u{07}Org", reference: "\u{1B}[2J"),
                state: .pastDue, product: "Basic\u{1B}[5m", price: m("99", .usd),
                invoices: [invoice("INV-1041", "1008", .open, m("99", .usd), issued: "2026-06-01", dueOn: "2026-06-15")]
            ),
            Spec(
                id: "1009",
                customer: Customer(
                    id: "1009", firstName: "Line\nBreak", lastName: "Ltd\r\n", email: "lb@x.test",
                    organization: "\u{202E}gnirtS desreveR"),
                state: .trialing, product: "Trial", price: m("0", .usd)),
            Spec(
                id: "1010", customer: Customer(id: "1010", firstName: "Bad\u{9B}2JName", email: "c1@x.test"),
                state: .canceled, product: "Old", price: m("20", .usd)),
            Spec(
                id: "1011", customer: Customer(id: "1011", firstName: "=cmd|' /C calc'!A0", email: "formula@x.test"),
                state: .active, product: "Mini", price: m("10", .usd)),
            Spec(
                id: "1012",
                customer: Customer(
                    id: "1012", firstName: "Peter", lastName: "Gibbons", email: "peter@initech.com",
                    organization: "Initech", reference: "CRM-777"),
                state: .active, product: "Team", price: m("500", .usd),
                invoices: [
                    invoice(
                        "INV-1035", "1012", .paid, m("500", .usd), issued: "2026-06-05", dueOn: "2026-06-19",
                        paidOn: "2026-06-06")
                ]),
            Spec(
                id: "1013", customer: Customer(id: "1013", email: "ops@umbrella.test", organization: "Umbrella"),
                state: nil,
                invoices: [
                    invoice("INV-1043", "1013", .draft, m("250", .usd), issued: "2026-06-19", dueOn: "2026-07-03")
                ]),
            Spec(
                id: "1014",
                customer: Customer(
                    id: "1014", firstName: "Pepper", lastName: "Potts", email: "pepper@stark.com",
                    organization: "Stark Industries", reference: "CRM-014"),
                state: .active, product: "Enterprise", price: m("5000", .usd),
                invoices: [
                    invoice("INV-0970", "1014", .open, m("5000", .usd), issued: "2026-03-27", dueOn: "2026-04-10")
                ]),
        ]
    }

    static func account(_ spec: Spec) -> InMemoryDashboardData.Account {
        var lines: [CustomerProfile.SubscriptionLine] = []
        if let state = spec.state, let price = spec.price {
            let sub = Subscription(
                id: "sub_\(spec.id)", customerID: spec.id, state: state, productName: spec.product, productPrice: price,
                interval: spec.interval, creditCard: spec.card, nextAssessmentAt: t("2026-07-01"),
                canceledAt: state == .canceled ? t("2026-05-20") : nil, cancelAtEndOfPeriod: spec.cancelAt != nil,
                scheduledCancellationAt: spec.cancelAt)
            let counts = state == .active || state == .pastDue || state == .softFailure
            let monthly = Money(minorUnits: price.minorUnits / Int64(spec.interval.count), currency: price.currency)
            lines.append(
                CustomerProfile.SubscriptionLine(subscription: sub, mrr: counts && price.isPositive ? monthly : nil))
        }
        return InMemoryDashboardData.Account(
            key: key(spec.id), customer: spec.customer, subscriptions: lines, dunningStage: spec.stage,
            retries: spec.retries,
            lastFailureReason: spec.reason, timeline: spec.timeline)
    }

    static var mrr: MRROverview {
        MRROverview(
            asOf: today,
            currencies: [
                CurrencyMRR(
                    currency: .eur, mrr: m("3529", .eur), payingCustomers: 3, new: m("49", .eur),
                    expansion: m("480", .eur),
                    series: [
                        210_000, 220_000, 230_000, 250_000, 260_000, 270_000, 280_000, 290_000, 300_000, 300_000,
                        300_000, 352_900,
                    ]),
                CurrencyMRR(
                    currency: .gbp, mrr: m("300", .gbp), payingCustomers: 1, series: Array(repeating: 30_000, count: 12)
                ),
                CurrencyMRR(
                    currency: .jpy, mrr: m("50000", .jpy), payingCustomers: 1,
                    series: [0, 0, 0, 0, 50000, 50000, 50000, 50000, 50000, 50000, 50000, 50000]),
                CurrencyMRR(
                    currency: .kwd, mrr: m("12.500", .kwd), payingCustomers: 1, churn: m("3.000", .kwd),
                    series: [15500, 15500, 15500, 15500, 15500, 15500, 15500, 15500, 15500, 15500, 15500, 12500],
                    isEstimate: true, basis: "invoice lines"),
                CurrencyMRR(
                    currency: .usd, mrr: m("6809", .usd), payingCustomers: 5, new: m("510", .usd),
                    expansion: m("200", .usd),
                    contraction: m("50", .usd), churn: m("20", .usd),
                    series: [
                        520_000, 540_000, 555_000, 560_000, 590_000, 600_000, 610_000, 630_000, 640_000, 650_000,
                        661_900, 680_900,
                    ]),
            ],
            scheduledChurn: MoneyTotals([m("300", .gbp)]))
    }

    static var sync: SyncOverview {
        SyncOverview(
            sources: [
                SyncOverview.Source(
                    name: "acme", kind: "chargify", activity: .idle, lastSyncedAt: now.adding(seconds: -14))
            ],
            log: [
                LogLine(time: now.adding(seconds: -60), level: .info, message: "acme: customers 14 records in 1 page"),
                LogLine(
                    time: now.adding(seconds: -30), level: .warning, message: "acme: 429, waiting 2s (Retry-After)"),
                LogLine(
                    time: now.adding(seconds: -14), level: .info, message: "acme: synced \u{1B}[31minvoices 17 records"),
            ])
    }

    /// `crm` gives customers (by id) a CRM panel.
    static func data(sync: SyncOverview = Fixtures.sync, crm: [String: CRMPanel] = [:]) -> InMemoryDashboardData {
        let specs = specs
        var invoices: [CustomerKey: [Invoice]] = [:]
        for spec in specs { invoices[key(spec.id)] = spec.invoices }
        let accounts = specs.map { spec in
            var account = account(spec)
            account.crm = crm[spec.id]
            return account
        }
        return InMemoryDashboardData(accounts: accounts, invoices: invoices, mrr: mrr, sync: sync, asOf: today)
    }
}
