import BillingCore
import BillingStore
import Foundation
import Sandbox
import Testing

/// Money edge cases and schema drift through a real `billtop sync` of the sandbox: amounts in 0- and
/// 3-decimal currencies, 0.10 and 1234567.89, a negative credit are stored exactly; an unknown currency,
/// a wrong type, a null or missing amount flag their record (never a crash, never a silent zero) without
/// losing the rest of the page; unknown fields and missing optional fields are ignored. The flags show in
/// the `billtop sync` summary and the sync log; `billtop invoices --json` sums every currency exactly.
@Suite(.serialized) struct BadInputSyncTests {
    /// What each edited invoice (by position in the company) becomes upstream: currency, subtotal, credit.
    static let edits: [(Int, String, Int64, Int64)] = [
        (0, "JPY", 1_500, 0), (1, "KWD", 1_234, 0), (2, "USD", 10, 0), (3, "USD", 123_456_789, 0),
        (4, "USD", 5_000, -250), (5, "XTS", 999, 0), (6, "USD", 7_000, 0), (7, "USD", 8_000, 0), (8, "USD", 9_000, 0),
        (9, "USD", 100, 0), (10, "USD", 4_200, 0),
    ]

    @Test func edgeAmountsAreExactAndBadFieldsFlagTheirRecordOnly() async throws {
        let server = try await SandboxServer.start(SandboxConfiguration(seed: 13, customers: 12))
        defer { Task { await server.stop() } }
        await server.world.edit { company in
            for (index, code, subtotal, credit) in Self.edits {
                var invoice = company.invoices[index]
                invoice.currency = Currency(code)!
                invoice.status = "open"
                invoice.subtotal = subtotal
                invoice.discount = 0
                invoice.tax = 0
                invoice.credit = credit
                invoice.refund = 0
                invoice.payments = []
                company.invoices[index] = invoice
            }
            // One plain monthly subscription billed in KWD (3 decimals): its MRR must come out as 12.345.
            let monthly = Set(company.products.filter { $0.interval == 1 && $0.intervalUnit == .month }.map(\.id))
            if let index = company.subscriptions.indices.last(where: {
                company.subscriptions[$0].state == "active" && monthly.contains(company.subscriptions[$0].productID)
            }) {
                var plan = company.subscriptions[index]
                plan.currency = .kwd
                plan.productPriceInCents = 12_345
                plan.components = []
                plan.couponCodes = []
                plan.cancelAtEndOfPeriod = false
                plan.canceledAt = nil
                plan.delayedCancelAt = nil
                plan.scheduledCancellationAt = nil
                plan.expiresAt = nil
                plan.onHoldAt = nil
                company.subscriptions[index] = plan
            }
        }
        let company = await server.world.company
        try #require(
            company.subscriptions.filter { $0.currency == .kwd }.count == 1,
            "the seed has no active monthly plan to edit")
        let uid = { (index: Int) in company.invoices[index].uid }
        let customer = { (index: Int) in "\(company.customers[index].id)" }
        let subscription = "\(company.subscriptions[0].id)"
        server.setRecordPatches([
            RecordPatch(.invoice, id: uid(6), field: "total_amount", json: "{}"),
            RecordPatch(.invoice, id: uid(7), field: "due_amount", json: "null"),
            RecordPatch(.invoice, id: uid(8), field: "paid_amount", json: nil),
            RecordPatch(.invoice, id: uid(9), field: "total_amount", json: "12.5"),
            RecordPatch(.invoice, id: uid(10), field: "surprise", json: #"{"new": [1, 2], "in": "v2"}"#),
            RecordPatch(.invoice, id: uid(10), field: "memo", json: nil),
            RecordPatch(.invoice, id: uid(10), field: "paid_date", json: nil),
            RecordPatch(.customer, id: customer(0), field: "organization", json: #"{"name": "Acme"}"#),
            RecordPatch(.customer, id: customer(1), field: "loyalty_tier", json: #""gold""#),
            RecordPatch(.customer, id: customer(1), field: "phone", json: nil),
            RecordPatch(.subscription, id: subscription, field: "balance_in_cents", json: "{}"),
        ])
        // Record -> the field its flag must name; every other record must carry no flag.
        let expectedFlags: [String: String] = [
            "invoice \(uid(5))": "currency", "invoice \(uid(6))": "total_amount", "invoice \(uid(7))": "due_amount",
            "invoice \(uid(8))": "paid_amount", "invoice \(uid(9))": "total_amount",
            "customer \(customer(0))": "organization", "subscription \(subscription)": "balance_in_cents",
        ]

        let work = try ReliabilityProcess.workDirectory("badinput")
        defer { try? FileManager.default.removeItem(at: work) }
        let db = work.appendingPathComponent("store.sqlite").path
        let env = ReliabilityProcess.environment(home: work, extra: ["BILLTOP_API_KEY": "sandbox"])
        let sync = try await ReliabilityProcess.run(
            ["sync", "--once", "--chargify", server.baseURL, "--db", db, "--page-size", "7"], environment: env,
            directory: work)
        #expect(sync.status == 0 && !sync.signalled, "\(sync.stderrText)")
        #expect(sync.stdoutText.contains("\(expectedFlags.count) records flagged"), "summary: \(sync.stdoutText)")

        // Nothing lost: every record of every page is stored, flagged or not.
        let store = try BillingStore.open(path: db)
        let source = try #require(try store.source(named: "chargify"))
        let invoices = try store.allInvoices(sourceID: source.id)
        let customers = try store.allCustomers(sourceID: source.id)
        let subscriptions = try store.allSubscriptions(sourceID: source.id)
        #expect(
            invoices.count == company.invoices.count && customers.count == company.customers.count
                && subscriptions.count == company.subscriptions.count)
        var flagged: [String: [String]] = [:]
        for i in invoices where !i.flags.isEmpty { flagged["invoice \(i.value.id)"] = i.flags }
        for c in customers where !c.flags.isEmpty { flagged["customer \(c.value.id)"] = c.flags }
        for s in subscriptions where !s.flags.isEmpty { flagged["subscription \(s.value.id)"] = s.flags }
        #expect(Set(flagged.keys) == Set(expectedFlags.keys), "flagged \(flagged)")
        for (record, field) in expectedFlags {
            #expect(flagged[record]?.contains { $0.hasPrefix(field) } == true, "\(record): \(flagged[record] ?? [])")
        }
        let log = try store.recentSyncLog(limit: 1_000).map(\.message)
        #expect(
            log.contains { $0.hasPrefix("flagged invoice \(uid(6)): total_amount") },
            "the sync log does not name the record")

        // Exact values where the input was valid.
        let byID = Dictionary(uniqueKeysWithValues: invoices.map { ($0.value.id, $0.value) })
        let exact: [(Int, String, Int64)] = [
            (0, "JPY", 1_500), (1, "KWD", 1_234), (2, "USD", 10), (3, "USD", 123_456_789), (9, "USD", 1_250),
        ]
        for (index, code, minor) in exact {
            let total = byID[uid(index)]?.total
            #expect(
                total == Money(minorUnits: minor, currency: Currency(code)!),
                "invoice \(index): \(String(describing: total))")
        }
        #expect(byID[uid(4)]?.credit == Money(minorUnits: -250, currency: .usd))
        #expect(byID[uid(4)]?.due == Money(minorUnits: 5_250, currency: .usd))

        // `billtop invoices --json`: the strings a script reads, and every currency's sum of `due`.
        let listed = try await ReliabilityProcess.run(
            ["invoices", "--db", db, "--json", "--limit", "100000"], environment: env, directory: work)
        #expect(listed.status == 0, "\(listed.stderrText)")
        let rows = try #require(try JSONSerialization.jsonObject(with: listed.stdout) as? [[String: String]])
        #expect(rows.count == company.invoices.count)
        let byNumber = Dictionary(uniqueKeysWithValues: rows.map { ($0["number"] ?? "", $0) })
        let number = { (index: Int) in String(company.invoices[index].number) }
        #expect(byNumber[number(0)]?["total"] == "1500" && byNumber[number(0)]?["currency"] == "JPY")
        #expect(byNumber[number(1)]?["total"] == "1.234" && byNumber[number(1)]?["currency"] == "KWD")
        #expect(byNumber[number(2)]?["total"] == "0.10")
        #expect(byNumber[number(3)]?["total"] == "1234567.89")
        #expect(byNumber[number(4)]?["due"] == "52.50")
        var listedDue: [String: Int64] = [:]
        for row in rows {
            let currency = try #require(Currency(row["currency"] ?? ""))
            listedDue[currency.code, default: 0] += try Money.parse(row["due"] ?? "", currency: currency).minorUnits
        }
        var upstreamDue: [String: Int64] = [:]
        for (index, invoice) in company.invoices.enumerated() where index != 7 {  // 7 sent due_amount: null
            upstreamDue[invoice.currency.code, default: 0] += invoice.due
        }
        #expect(listedDue.filter { $0.value != 0 } == upstreamDue.filter { $0.value != 0 })

        // The table's per-currency totals and the MRR report run over the same store without a trap.
        let table = try await ReliabilityProcess.run(
            ["invoices", "--db", db, "--limit", "5"], environment: env, directory: work)
        #expect(table.status == 0, "\(table.stderrText)")
        let totals = table.stdoutText.split(separator: "\n").last.map(String.init) ?? ""
        #expect(totals.contains("due:") && totals.contains("KWD"), "totals line: \(totals)")
        let mrr = try await ReliabilityProcess.run(
            ["mrr", "--db", db, "--json", "--as-of", "2026-06-20"], environment: env, directory: work)
        #expect(mrr.status == 0 && !mrr.signalled, "\(mrr.stderrText)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: mrr.stdout) as? [String: Any], "\(mrr.stdoutText.prefix(300))")
        let currencies = ((report["sources"] as? [[String: Any]])?.first?["currencies"] as? [[String: Any]]) ?? []
        let kwd = currencies.first { $0["currency"] as? String == "KWD" }
        #expect(kwd?["mrr"] as? String == "12.345", "KWD MRR: \(String(describing: kwd))")
    }
}
