import BillingCore
import BillingStore
import Foundation
import Testing

/// `billtop mrr --csv`: each month's bridge, ratios and basis per currency, as the one CSV writer writes it.
@Suite struct MrrCommandCSVTests {
    static func at(_ day: String) -> Timestamp { Timestamp(startOf: LocalDate(iso: day)!) }

    static func sub(_ id: String, product: String, price: Int64, currency: Currency = .usd, seats: Int64? = nil)
        -> Incoming<Subscription>
    {
        Incoming(
            value: Subscription(
                id: id, customerID: "c\(id)", state: .active, productID: product, productName: product,
                productPrice: Money(minorUnits: price, currency: currency),
                components: seats.map {
                    [
                        SubscriptionComponent(
                            componentID: "seats", name: "Seats", kind: .quantityBased, quantity: ExactDecimal($0),
                            unitPrice: Money(minorUnits: 100, currency: currency))
                    ]
                } ?? [], activatedAt: at("2026-01-01"), updatedAt: at("2026-06-10")),
            raw: "{}")
    }

    static func event(_ id: Int64, _ key: String, _ sub: String, _ data: String) -> Incoming<BillingEvent> {
        Incoming(
            value: BillingEvent(
                id: id, key: key, subscriptionID: sub, createdAt: at(id == 1 ? "2025-12-01" : "2026-06-10"),
                eventSpecificData: data), raw: "{}")
    }

    @Test func eachMonthIsOneRowPerCurrencyWithItsBridgeRatiosAndBasis() async throws {
        let work = try ReliabilityProcess.workDirectory("mrr-csv")
        defer { try? FileManager.default.removeItem(at: work) }
        let db = work.appendingPathComponent("store.sqlite").path
        let store = try BillingStore.open(path: db)
        // A source name a spreadsheet would run as a formula.
        let source = try store.registerSource(name: "=acme", kind: "chargify", baseURL: "http://127.0.0.1:1")
        // June: $100 -> $150 plan, 10 -> 15 seats at $1 (on a $20 plan), a $100 plan unchanged; EUR 50 unchanged.
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "all",
                subscriptions: [
                    Self.sub("1", product: "pro", price: 15_000),
                    Self.sub("2", product: "team", price: 2_000, seats: 15),
                    Self.sub("3", product: "basic", price: 10_000),
                    Self.sub("4", product: "euro", price: 5_000, currency: .eur),
                ],
                events: [
                    Self.event(1, "signup_success", "1", "{}"),
                    Self.event(
                        2, "subscription_product_change", "1",
                        #"{"previous_product_id":"basic","new_product_id":"pro"}"#),
                    Self.event(
                        3, "component_allocation_change", "2",
                        #"{"component_id":"seats","previous_allocation":10,"new_allocation":15}"#),
                ]))
        let env = ReliabilityProcess.environment(home: work)
        let run = try await ReliabilityProcess.run(
            ["mrr", "--db", db, "--csv", "--as-of", "2026-06-20", "--from", "2026-05-01"], environment: env,
            directory: work)
        #expect(run.status == 0, "\(run.stderrText)")
        let lines = run.stdoutText.components(separatedBy: "\r\n")
        #expect(
            lines.first
                == "source,month,from,through,basis,basis_label,currency,start,new,expansion,contraction,churn,reactivation,end,reconciles,nrr_percent,gross_mrr_churn_percent,net_mrr_churn_percent"
        )
        // Hand-computed: start 100 + (20 + 10) + 100 = 230; expansion 50 + 5 = 55; end 285; NRR 285/230 =
        // 123.913...%; gross churn 0; net churn -55/230 = -23.913...%.
        #expect(
            lines.contains(
                #""'=acme",2026-06,2026-06-01,2026-06-20,events,reconstructed from events,USD,230.00,0.00,55.00,0.00,0.00,0.00,285.00,true,123.91,0.00,-23.91"#
            ), "\(run.stdoutText)")
        // The euro subscription has its own row, never added to the dollars.
        #expect(
            lines.contains(
                #""'=acme",2026-06,2026-06-01,2026-06-20,events,reconstructed from events,EUR,50.00,0.00,0.00,0.00,0.00,0.00,50.00,true,100.00,0.00,0.00"#
            ), "\(run.stdoutText)")
        #expect(
            lines.contains(
                #""'=acme",2026-05,2026-05-01,2026-05-31,events,reconstructed from events,USD,230.00,0.00,0.00,0.00,0.00,0.00,230.00,true,100.00,0.00,0.00"#
            ), "\(run.stdoutText)")
        // Header, two months of two currencies, and the final line end.
        #expect(lines.count == 6 && lines.last == "")

        let both = try await ReliabilityProcess.run(
            ["mrr", "--db", db, "--csv", "--json"], environment: env, directory: work)
        #expect(both.status != 0 && both.stderrText.contains("choose one of --json and --csv"))
    }
}
