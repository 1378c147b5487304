import BillingCore
import BillingStore
import Foundation
import Testing

@testable import BillingSync

/// Bad values flag a record, never a page (issue 14, points 3 and 5): numbers of any size parse and are
/// judged by the field that reads them, an amount billtop cannot hold is unreadable (never 0.00), NUL is
/// kept visibly, dates outside 1900-2200 are flagged, and over-long fields and raw texts are cut and flagged.
@Suite struct FieldValueTests {
    /// A Chargify invoice listing (`{"invoices": [...]}`) whose records differ from a sound one by `fields`.
    static func invoicePage(_ records: [String]) -> Data {
        Data(#"{"invoices": [\#(records.joined(separator: ","))]}"#.utf8)
    }

    static func invoice(_ uid: String, _ extra: String = "") -> String {
        #"{"uid": "\#(uid)", "number": "N-\#(uid)", "customer_id": 7, "status": "open", "currency": "USD", "issue_date": "2026-04-01", "due_date": "2026-05-01", "subtotal_amount": "100.0", "total_amount": "100.0", "paid_amount": "0.0", "due_amount": "100.0"\#(extra)}"#
    }

    static func invoices(_ body: Data) throws -> [Incoming<Invoice>] {
        ChargifyClient.page(
            .invoices, try ChargifyClient.decode(body, stream: .invoices), mapper: ChargifyMapper(), components: []
        ).invoices
    }

    @Test func outOfRangeNumbersFlagOnlyTheRecordThatReadsThem() throws {
        let body = Self.invoicePage([
            Self.invoice("inv_a", #", "surprise": {"deep": [1e400, -123456789012345678901234567890.5e-2]}"#),
            // 1e400 as a JSON number in a read amount, a 30-digit decimal string in another.
            Self.invoice("inv_b").replacingOccurrences(of: #""total_amount": "100.0""#, with: #""total_amount": 1e400"#)
                .replacingOccurrences(
                    of: #""due_amount": "100.0""#, with: #""due_amount": "123456789012345678901234567890.00""#),
            Self.invoice("inv_c", #", "credit_amount": "10000000000000.01""#),
        ])
        let mapped = try Self.invoices(body)
        #expect(mapped.map(\.value.id) == ["inv_a", "inv_b", "inv_c"], "every record of the page is kept")
        #expect(
            mapped[0].flags.isEmpty && mapped[0].value.unreadable.isEmpty,
            "an ignored field flags nothing: \(mapped[0].flags)")
        #expect(mapped[0].value.total == Money(minorUnits: 10_000, currency: .usd))
        let b = mapped[1]
        #expect(b.value.unreadable == [.total, .due])
        #expect(b.flags.contains { $0.hasPrefix("total_amount: 1e400 is more than billtop can hold") }, "\(b.flags)")
        #expect(
            b.flags.contains {
                $0.hasPrefix("due_amount: 123456789012345678901234567890.00 is more than billtop can hold")
            }, "\(b.flags)")
        #expect(
            b.value.subtotal == Money(minorUnits: 10_000, currency: .usd) && !b.value.unreadable.contains(.subtotal))
        // Beyond Money.largestHeld (10^15 minor units) though within Int64: unreadable too.
        #expect(mapped[2].value.unreadable == [.credit], "\(mapped[2].flags)")
        // An unreadable due keeps the invoice open (and so overdue, and in dunning), where a zero would drop it.
        #expect(b.value.isOpen && b.value.isOverdue(on: LocalDate(iso: "2026-06-01")!))
    }

    @Test func numbersAreWrittenOutExactlyOrKeptAsSent() {
        let cases = [
            ("1.5e3", "1500"), ("12e-1", "1.2"), ("-0.5e+3", "-500"), ("1E2", "100"), ("0e99999", "0"),
            ("1e400", "1e400"), ("25e-3", "0.025"), ("1.10e1", "11"), ("12.10", "12.10"), ("-7", "-7"),
        ]
        for (text, plain) in cases { #expect(JSONNumber.plainText(text) == plain, "\(text)") }
        #expect(JSONNumber.integer("1e400") == .outOfRange)
        #expect(JSONNumber.integer("123456789012345678901234567890") == .outOfRange)
        #expect(JSONNumber.integer("3.0") == .exact(3) && JSONNumber.integer("3e2") == .exact(300))
        #expect(JSONNumber.integer("-3.5") == .fraction(-3))
        var o = JSONObject(JSONFields([("n", .number("123456789012345678901234567890")), ("big", .number("1e400"))]))
        #expect(o.int("n") == nil && o.flags == ["n: 123456789012345678901234567890 is out of range"])
        #expect(o.bool("big") && o.id("big") == "1e400")
    }

    @Test func nulAndControlCharactersAreKeptVisiblyNeverCutAt() throws {
        let body = Data(
            #"[{"customer": {"id": 1, "email": "a\u0000@x.test", "first_name": "b\u0001\u001bc", "last_name": "Doe"}}]"#
                .utf8)
        let list = try ChargifyClient.decode(body, stream: .customers)
        let customer = try #require(
            ChargifyClient.page(.customers, list, mapper: ChargifyMapper(), components: []).customers.first)
        #expect(customer.value.email == "a\u{2400}@x.test")
        #expect(
            customer.value.firstName == "b\u{01}\u{1B}c", "other controls are kept as sent; the sanitiser shows them")
        #expect(TextSanitizer.clean(customer.value.email) == "a␀@x.test")
        #expect(customer.raw.contains(#""a\u0000@x.test""#), "the raw JSON keeps the escape as sent")
        #expect(customer.flags.isEmpty)
    }

    @Test func datesOutsideTheYears1900To2200AreFlaggedAndNotKept() throws {
        let body = Self.invoicePage([
            Self.invoice("inv_a").replacingOccurrences(
                of: #""due_date": "2026-05-01""#, with: #""due_date": "0001-01-01""#),
            Self.invoice("inv_b", #", "paid_date": "2201-01-01", "created_at": "0999-01-01T00:00:00Z""#),
            Self.invoice("inv_c").replacingOccurrences(
                of: #""issue_date": "2026-04-01""#, with: #""issue_date": "1900-01-01""#),
        ])
        let mapped = try Self.invoices(body)
        #expect(
            mapped[0].value.dueDate == nil && mapped[0].flags == ["due_date: 0001-01-01 is outside the years 1900-2200"]
        )
        #expect(!mapped[0].value.isOverdue(on: LocalDate(iso: "2026-06-01")!))
        #expect(
            mapped[1].value.paidDate == nil && mapped[1].value.createdAt == nil && mapped[1].flags.count == 2,
            "\(mapped[1].flags)")
        #expect(mapped[2].value.issueDate == LocalDate(iso: "1900-01-01") && mapped[2].flags.isEmpty)
        // A date that does exist is written with four year digits, never "1-01-01".
        #expect(LocalDate(year: 1, month: 1, day: 1)?.description == "0001-01-01")
        #expect(LocalDate(year: 987, month: 6, day: 5)?.description == "0987-06-05")
    }

    @Test func overLongFieldsAreCutAndFlaggedAndRawTextIsBounded() throws {
        let longName = String(repeating: "é", count: 3_000)  // 6,000 bytes
        let longMemo = String(repeating: "m", count: 100_000)
        let hugeNote = String(repeating: "x", count: 1_100_000)
        let longID = String(repeating: "9", count: 2_000)
        let body = Self.invoicePage([
            Self.invoice("inv_a", #", "product_name": "\#(longName)", "memo": "\#(longMemo)""#),
            Self.invoice("inv_b", #", "notes_we_ignore": "\#(hugeNote)""#),
            Self.invoice(longID),
        ])
        let mapped = try Self.invoices(body)
        #expect(mapped.count == 2, "a record whose id is longer than 1 KiB is skipped, not cut into another id")
        let a = mapped[0].value
        #expect(a.productName.utf8.count <= FieldLimit.short.rawValue && a.productName.hasSuffix(FieldLimit.cutMarker))
        #expect(a.productName.hasPrefix("éé") && !a.productName.contains("\u{FFFD}"), "cut on a character boundary")
        #expect(
            a.memo.utf8.count <= FieldLimit.long.rawValue && a.memo.hasSuffix(FieldLimit.cutMarker)
                && a.memo.count > 60_000)
        #expect(
            mapped[0].flags == [
                "product_name: 6000 bytes, longer than 2048: stored cut, ending …[cut]",
                "memo: 100000 bytes, longer than 65536: stored cut, ending …[cut]",
            ])
        #expect(mapped[0].raw.utf8.count > 100_000, "raw JSON under 1 MiB is kept whole")
        let b = mapped[1]
        #expect(b.raw.utf8.count < 10_000 && b.raw.hasPrefix(#"{"billtop_cut":{"bytes":"#), "\(b.raw.prefix(80))")
        #expect(b.flags.count == 1 && b.flags[0].hasPrefix("raw JSON: 1100"), "\(b.flags)")
        #expect((try? JSONSerialization.jsonObject(with: Data(b.raw.utf8))) != nil, "the summary is JSON")
        // A change past the summary's head still changes the summary (the store detects changes by its text).
        let changed = try Self.invoices(
            Self.invoicePage([Self.invoice("inv_b", #", "notes_we_ignore": "\#(hugeNote)y""#)]))
        #expect(changed[0].raw != b.raw)
    }

    @Test func trutoTotalsThatLeaveWhatBilltopCanHoldAreUnreadable() throws {
        let body = Data(
            #"{"result": [{"id": "t1", "currency": "USD", "sub_total": "9000000000000.00", "total_tax_amount": "9000000000000.00", "balance": "1.00", "status": "open"}, {"id": "t2", "currency": "USD", "sub_total": "10.00", "balance": "2e400", "payments": [{"id": "p", "amount": "1e400"}]}]}"#
                .utf8)
        let page = TrutoClient.page(
            .invoices, try TrutoClient.decode(body, stream: .invoices), mapper: ChargifyMapper(), components: [])
        #expect(page.invoices.count == 2)
        #expect(
            page.invoices[0].value.unreadable == [.total],
            "subtotal + tax is 1.8 x 10^15 cents: \(page.invoices[0].flags)")
        #expect(page.invoices[0].value.due == Money(minorUnits: 100, currency: .usd))
        #expect(page.invoices[1].value.unreadable == [.paid, .due], "\(page.invoices[1].flags)")
    }
}
