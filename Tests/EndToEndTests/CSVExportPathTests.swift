import BillingCore
import BillingStore
import Foundation
import Testing

/// Every `--csv` of the binary is written by the one CSV writer: a customer whose fields are formulas (and an
/// organisation that is a plain negative number) comes out of customers, invoices and dunning exactly as
/// `CSVWriter` writes those fields, never by a rule of the command's own.
@Suite struct CSVExportPathTests {
    static let customer = Customer(
        id: "7", firstName: "=SUM(A1)", lastName: "-2+3", email: "@cmd@example.com", organization: "-12.50",
        reference: "+1 (555)")
    static let asOf = "2026-06-20"

    /// A store with the hostile customer, a past-due subscription and an invoice numbered like a formula,
    /// 36 days overdue on `asOf` (so dunning lists it).
    static func store(in work: URL) throws -> String {
        let path = work.appendingPathComponent("store.sqlite").path
        let store = try BillingStore.open(path: path)
        let source = try store.registerSource(name: "e2e", kind: "chargify", baseURL: "http://127.0.0.1:1")
        let price = Money(minorUnits: 1_250, currency: .usd)
        let subscription = Subscription(
            id: "70", customerID: "7", state: .pastDue, productName: "Pro", productPrice: price)
        let invoice = Invoice(
            id: "inv_1", number: "=1+1", customerID: "7", subscriptionID: "70", status: .open, currency: .usd,
            issueDate: LocalDate(iso: "2026-05-01"), dueDate: LocalDate(iso: "2026-05-15"), total: price, due: price)
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "e2e", customers: [Incoming(value: customer, raw: "{}")],
                subscriptions: [Incoming(value: subscription, raw: "{}")],
                invoices: [Incoming(value: invoice, raw: "{}")]))
        return path
    }

    @Test func everyCSVOfTheBinaryIsTheOneWritersRecords() async throws {
        let work = try ReliabilityProcess.workDirectory("csv")
        defer { try? FileManager.default.removeItem(at: work) }
        let db = try Self.store(in: work)
        let env = ReliabilityProcess.environment(home: work)
        func lines(_ arguments: [String]) async throws -> [String] {
            let result = try await ReliabilityProcess.run(
                arguments + ["--db", db, "--csv"], environment: env, directory: work)
            #expect(result.status == 0, "billtop \(arguments.joined(separator: " ")): \(result.stderrText)")
            // CRLF records (the read commands) and LF ones (dunning): lines either way.
            return result.stdoutText.components(separatedBy: .newlines)
        }
        let c = Self.customer
        let customers = try await lines(["customers"])
        #expect(
            customers.contains(CSVWriter.record(["e2e", "7", c.displayName, c.email, c.organization, c.reference])),
            "\(customers)")
        #expect(customers.contains { $0.hasSuffix(",-12.50,\"'+1 (555)\"") }, "a plain number stays a number")

        let invoices = try await lines(["invoices", "--as-of", Self.asOf])
        #expect(
            invoices.contains(
                CSVWriter.record(
                    ["e2e", "=1+1", "7", "open", "2026-05-01", "2026-05-15", "12.50", "12.50", "USD", "36"])),
            "\(invoices)")

        let dunning = try await lines(["dunning", "--as-of", Self.asOf])
        let alert = try #require(dunning.first { $0.hasPrefix("e2e,7,") }, "no alert for the customer: \(dunning)")
        for field in [c.displayName, "=1+1", "past_due"] {
            #expect(alert.contains("," + CSVWriter.field(field) + ","), "\(field) in \(alert)")
        }
    }
}
