import BillingCore
import BillingStore
import Foundation
import GRDB
import Sandbox
import Testing

/// Bad values through a real `billtop sync` of the sandbox (issue 14, points 3 and 5): `1e400` and a 30-digit
/// number in fields billtop ignores flag nothing; the same in an invoice's read amounts flag that invoice
/// alone, whose amounts every output shows as unreadable (never 0.00), and which stays overdue and in dunning
/// with that marker; NUL in an email is kept visibly; a due date of 0001-01-01 is flagged, not stored, not
/// overdue; an over-long organisation is stored cut and flagged. The page and its other records are stored.
@Suite(.serialized) struct BadValueSyncTests {
    static let asOf = "2026-06-20"

    @Test func badValuesFlagTheirRecordAndEveryOutputShowsThemAsSuch() async throws {
        let server = try await SandboxServer.start(SandboxConfiguration(seed: 13, customers: 12))
        defer { Task { await server.stop() } }
        // Invoices 0 (ignored fields), 1 (unreadable amounts) and 2 (a year-1 due date): open, due in January.
        let dueDay = LocalDate(iso: "2026-01-15")!.daysSinceEpoch
        await server.world.edit { company in
            for index in 0...2 {
                company.invoices[index].status = "open"
                company.invoices[index].issueDay = dueDay - 14
                company.invoices[index].dueDay = dueDay
                company.invoices[index].subtotal = 5_000
                company.invoices[index].discount = 0
                company.invoices[index].tax = 0
                company.invoices[index].credit = 0
                company.invoices[index].payments = []
            }
        }
        let company = await server.world.company
        let (ignored, unreadable, ancient) = (company.invoices[0], company.invoices[1], company.invoices[2])
        let nulCustomer = company.customers[3]
        let longCustomer = company.customers[4]
        let longOrganization = String(repeating: "O", count: 5_000)
        server.setRecordPatches([
            RecordPatch(
                .invoice, id: ignored.uid, field: "surprise",
                literal: #"{"big": 1e400, "n": [123456789012345678901234567890]}"#),
            RecordPatch(.invoice, id: ignored.uid, field: "ignored_number", literal: "-1E+999"),
            RecordPatch(.invoice, id: unreadable.uid, field: "total_amount", literal: "1e400"),
            RecordPatch(
                .invoice, id: unreadable.uid, field: "due_amount", literal: #""123456789012345678901234567890.00""#),
            RecordPatch(.invoice, id: ancient.uid, field: "due_date", literal: #""0001-01-01""#),
            RecordPatch(.customer, id: "\(nulCustomer.id)", field: "email", literal: #""a\u0000@x.test""#),
            RecordPatch(.customer, id: "\(longCustomer.id)", field: "organization", literal: "\"\(longOrganization)\""),
        ])
        let expectedFlags: [String: String] = [
            "invoice \(unreadable.uid)": "total_amount: 1e400 is more than billtop can hold",
            "invoice \(ancient.uid)": "due_date: 0001-01-01 is outside the years 1900-2200",
            "customer \(longCustomer.id)": "organization: 5000 bytes, longer than 2048",
        ]

        let work = try ReliabilityProcess.workDirectory("badvalue")
        defer { try? FileManager.default.removeItem(at: work) }
        let db = work.appendingPathComponent("store.sqlite").path
        let env = ReliabilityProcess.environment(home: work, extra: ["BILLTOP_API_KEY": "sandbox"])
        let run = { (arguments: [String]) in
            try await ReliabilityProcess.run(arguments, environment: env, directory: work)
        }
        let sync = try await run(["sync", "--once", "--chargify", server.baseURL, "--db", db, "--page-size", "7"])
        #expect(sync.status == 0 && !sync.signalled, "\(sync.stderrText)")
        #expect(sync.stdoutText.contains("\(expectedFlags.count) records flagged"), "summary: \(sync.stdoutText)")

        // Every record of every page is stored; only the three records flag, each for its field.
        let store = try BillingStore.open(path: db)
        let source = try #require(try store.source(named: "chargify"))
        let invoices = try store.allInvoices(sourceID: source.id)
        let customers = try store.allCustomers(sourceID: source.id)
        #expect(invoices.count == company.invoices.count && customers.count == company.customers.count)
        var flagged: [String: [String]] = [:]
        for i in invoices where !i.flags.isEmpty { flagged["invoice \(i.value.id)"] = i.flags }
        for c in customers where !c.flags.isEmpty { flagged["customer \(c.value.id)"] = c.flags }
        for s in try store.allSubscriptions(sourceID: source.id) where !s.flags.isEmpty {
            flagged["subscription \(s.value.id)"] = s.flags
        }
        #expect(Set(flagged.keys) == Set(expectedFlags.keys), "flagged \(flagged)")
        for (record, flag) in expectedFlags {
            #expect(flagged[record]?.contains { $0.hasPrefix(flag) } == true, "\(record): \(flagged[record] ?? [])")
        }
        let byID = Dictionary(uniqueKeysWithValues: invoices.map { ($0.value.id, $0.value) })
        #expect(byID[unreadable.uid]?.unreadable == [.total, .due])
        #expect(byID[ignored.uid]?.total == Money(minorUnits: 5_000, currency: ignored.currency))
        #expect(byID[ancient.uid]?.dueDate == nil)
        let ancientUID = ancient.uid
        let storedDueDate = try await store.pool.read { db in
            try String.fetchOne(
                db, sql: "SELECT coalesce(due_date, 'NULL') FROM invoice WHERE remote_id = ?", arguments: [ancientUID])
        }
        #expect(storedDueDate == "NULL")
        let byCustomer = Dictionary(uniqueKeysWithValues: customers.map { ($0.value.id, $0.value) })
        #expect(byCustomer["\(nulCustomer.id)"]?.email == "a\u{2400}@x.test")
        let organization = byCustomer["\(longCustomer.id)"]?.organization ?? ""
        #expect(organization.utf8.count <= 2_048 && organization.hasSuffix("…[cut]") && organization.hasPrefix("OOOO"))

        // `billtop invoices --json` and the table: the unreadable amounts say so, never 0.00.
        let listed = try await run(["invoices", "--db", db, "--json", "--limit", "100000", "--as-of", Self.asOf])
        #expect(listed.status == 0, "\(listed.stderrText)")
        let rows = try #require(try JSONSerialization.jsonObject(with: listed.stdout) as? [[String: String]])
        let byNumber = Dictionary(uniqueKeysWithValues: rows.map { ($0["number"] ?? "", $0) })
        let row = byNumber[String(unreadable.number)]
        #expect(row?["total"] == "unreadable" && row?["due"] == "unreadable", "\(String(describing: row))")
        #expect(row?["days_overdue"] == "156", "the unreadable due keeps it overdue: \(String(describing: row))")
        #expect(
            byNumber[String(ancient.number)]?["due_date"] == ""
                && byNumber[String(ancient.number)]?["days_overdue"] == "")
        #expect(!listed.stdoutText.contains("1-01-01"))
        let csv = try await run(["invoices", "--db", db, "--csv", "--limit", "100000"])
        #expect(
            csv.stdoutText.split(separator: "\r\n").contains {
                $0.contains(",\(unreadable.number),") && $0.contains("unreadable,unreadable")
            })
        let table = try await run(["invoices", "--db", db, "--overdue", "--as-of", Self.asOf, "--limit", "100000"])
        let lines = table.stdoutText.split(separator: "\n").map(String.init)
        let line = lines.first { $0.contains(" \(unreadable.number) ") } ?? ""
        #expect(line.contains("unreadable") && !line.contains("0.00"), "table row: \(line)")
        #expect(!lines.contains { $0.contains(" \(ancient.number) ") }, "a year-1 due date is not overdue")
        #expect(lines.last?.contains("+ 1 unreadable") == true, "totals line: \(lines.last ?? "")")

        // `billtop dunning`: the invoice's customer is listed with the marker (it used to vanish).
        let dunning = try await run(["dunning", "--db", db, "--json", "--as-of", Self.asOf])
        #expect(dunning.status == 0, "\(dunning.stderrText)")
        let report = try #require(try JSONSerialization.jsonObject(with: dunning.stdout) as? [String: Any])
        let alerts = ((report["sources"] as? [[String: Any]])?.first?["alerts"] as? [[String: Any]]) ?? []
        let alert = alerts.first { $0["customer_id"] as? String == "\(unreadable.customerID)" }
        #expect((alert?["unreadable_due"] as? [String]) == [String(unreadable.number)], "\(String(describing: alert))")
        let text = try await run(["dunning", "--db", db, "--as-of", Self.asOf, "--limit", "1000"])
        #expect(text.stdoutText.contains("#\(unreadable.number) unreadable"), "\(text.stdoutText)")

        // `billtop customer ID`: the invoice line says so too.
        let detail = try await run(["customer", "\(unreadable.customerID)", "--db", db])
        let invoiceLine = detail.stdoutText.split(separator: "\n").first { $0.contains(" \(unreadable.number) ") } ?? ""
        #expect(
            invoiceLine.components(separatedBy: "unreadable").count == 3 && !invoiceLine.contains("0.00"),
            "customer: \(detail.stdoutText)")

        // NUL is shown inert, never cut at.
        let found = try await run(["customers", "--db", db, "--json", "--limit", "1000"])
        #expect(found.stdoutText.contains("a␀@x.test"), "\(found.stdoutText.prefix(400))")
    }
}
