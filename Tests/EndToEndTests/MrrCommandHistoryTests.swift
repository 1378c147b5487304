import BillingCore
import BillingStore
import BilltopApp
import Foundation
import Testing

/// `billtop mrr` on the issue's own example: each month's bridge and basis in --json, the range in text.
@Suite struct MrrCommandHistoryTests {
    @Test func theIssuesMonthShowsFiftyFiveDollarsOfExpansionLabelledFromEvents() async throws {
        let work = try ReliabilityProcess.workDirectory("mrr-history")
        defer { try? FileManager.default.removeItem(at: work) }
        let db = work.appendingPathComponent("store.sqlite").path
        let store = try BillingStore.open(path: db)
        let source = try store.registerSource(name: "acme", kind: "chargify", baseURL: "http://127.0.0.1:1")
        // The fixture `billtop mrr --csv`'s test shares (the same subscriptions and events).
        let sub = { (id: String, product: String, price: Int64, seats: Int64?) in
            MrrCommandCSVTests.sub(id, product: product, price: price, seats: seats)
        }
        let event = MrrCommandCSVTests.event
        // $100 -> $150 plan (another customer is still on the $100 plan), and 10 -> 15 seats at $1.
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "all",
                subscriptions: [
                    sub("1", "pro", 15_000, nil), sub("2", "team", 2_000, 15),
                    sub("3", "basic", 10_000, nil),
                ],
                events: [
                    event(1, "signup_success", "1", "{}"),
                    event(
                        2, "subscription_product_change", "1",
                        #"{"previous_product_id":"basic","new_product_id":"pro"}"#),
                    event(
                        3, "component_allocation_change", "2",
                        #"{"component_id":"seats","previous_allocation":10,"new_allocation":15}"#),
                ]))
        // The MRR pane's data carries the same label.
        try AggregateRefresher(store: store).refreshAggregates(asOf: LocalDate(iso: "2026-06-20")!)
        let pane = try StoreDashboardData(store: store).mrr(asOf: LocalDate(iso: "2026-06-20")!)
        #expect(pane.monthBasis == .events && pane.trendBasis == .events)
        let env = ReliabilityProcess.environment(home: work)
        let json = try await ReliabilityProcess.run(
            ["mrr", "--db", db, "--json", "--as-of", "2026-06-20", "--from", "2026-05-01"], environment: env,
            directory: work)
        #expect(json.status == 0, "\(json.stderrText)")
        let report = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        let document = try #require((report["sources"] as? [[String: Any]])?.first)
        #expect(document["period_basis"] as? String == "events")
        let months = try #require(document["months"] as? [[String: Any]])
        #expect(months.map { $0["month"] as? String } == ["2026-05", "2026-06"])
        let june = try #require((months.last?["currencies"] as? [[String: Any]])?.first)
        #expect(june["expansion"] as? String == "55.00" && june["start"] as? String == "230.00")
        #expect(june["end"] as? String == "285.00" && june["reconciles"] as? Bool == true)
        #expect(months.last?["basis_label"] as? String == "reconstructed from events")
        #expect((months.first?["currencies"] as? [[String: Any]])?.first?["expansion"] as? String == "0.00")

        let text = try await ReliabilityProcess.run(
            ["mrr", "--db", db, "--as-of", "2026-06-20", "--from", "2026-06-01", "--to", "2026-06-20"],
            environment: env, directory: work)
        #expect(text.stdoutText.contains("2026-06-01..2026-06-20  [reconstructed from events]"), "\(text.stdoutText)")
        #expect(text.stdoutText.contains("+expansion $55.00"))

        let bad = try await ReliabilityProcess.run(
            ["mrr", "--db", db, "--from", "June"], environment: env, directory: work)
        #expect(bad.status != 0 && bad.stderrText.contains("--from 'June' is not a date: use YYYY-MM-DD"))
    }
}
