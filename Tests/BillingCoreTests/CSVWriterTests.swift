import BillingCore
import Testing

/// The one CSV writer (every export goes through it): hostile fields in, inert RFC 4180 text out.
@Suite struct CSVWriterTests {
    /// Field in, field as written. A formula is led by `'` and quoted; a plain number stays a number.
    static let hostile: [(String, String)] = [
        ("plain", "plain"),
        ("", ""),
        ("=SUM(A1)", "\"'=SUM(A1)\""),
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
        ("+1 (555)", "\"'+1 (555)\""),
        ("@cmd", "\"'@cmd\""),
        ("@SUM(A1)", "\"'@SUM(A1)\""),
        ("-2+3", "\"'-2+3\""),
        ("-", "\"'-\""),
        ("-1e5", "\"'-1e5\""),  // a number to Double, a formula to a spreadsheet
        ("-inf", "\"'-inf\""),
        ("+0x1A", "\"'+0x1A\""),
        ("-99999999999999999999", "\"'-99999999999999999999\""),  // beyond an exact decimal: text, led
        ("-12.50", "-12.50"),
        ("-12.34", "-12.34"),
        ("+3", "+3"),
        ("-2", "-2"),
        ("+1", "+1"),
        ("-.5", "-.5"),
        ("12", "12"),
        ("\tx", "␉x"),  // the tab is made visible before the formula check
        ("\r=1", "␍=1"),
        ("a,b", "\"a,b\""),
        ("Acme, Inc.", "\"Acme, Inc.\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("a\nb\u{1B}[2J", "a␊b␛[2J"),
        ("\u{202E}evil", "\u{FFFD}evil"),
        ("-12.34,5", "\"'-12.34,5\""),
    ]

    @Test func hostileFieldsAreWrittenInert() {
        for (raw, written) in Self.hostile {
            #expect(CSVWriter.field(raw) == written, "\(raw.debugDescription)")
        }
    }

    @Test func recordsAndDocuments() {
        #expect(CSVWriter.record(["a", "=1", "-2"]) == "a,\"'=1\",-2")
        #expect(CSVWriter.document(header: ["a", "b"], rows: [["1", "x"]]) == "a,b\r\n1,x\r\n")
        #expect(CSVWriter.document(header: ["a"], rows: []) == "a\r\n")
    }

    /// Seeded random fields drawn from the characters that matter: read back as RFC 4180, every field is
    /// the sanitised text (led by `'` only when it would be a formula), and none reaches a spreadsheet
    /// starting with a formula character unless it is a plain number.
    @Test func randomFieldsReadBackAsTheirTextAndNeverAsAFormula() throws {
        var random = SplitMix64(seed: 16)
        let alphabet = Array("=+-@\t\r\n\",' .0123456789aZ\u{1B}\u{9B}é山")
        for _ in 0..<5_000 {
            let length = Int(random.next() % 9)
            let raw = String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            let written = CSVWriter.field(raw)
            let read = try #require(Self.unquote(written), "\(raw.debugDescription) -> \(written.debugDescription)")
            let clean = TextSanitizer.clean(raw)
            #expect(read == clean || read == "'" + clean, "\(raw.debugDescription)")
            #expect(!read.unicodeScalars.contains { $0.value < 0x20 }, "\(raw.debugDescription)")
            if let first = read.first, "=+-@".contains(first) {
                #expect(ExactDecimal(parsing: read) != nil, "a formula reaches a spreadsheet: \(read.debugDescription)")
            }
        }
    }

    /// One RFC 4180 field back to its text; nil when it is not one field (a bare quote or a comma outside quotes).
    static func unquote(_ field: String) -> String? {
        guard field.hasPrefix("\"") else { return field.contains(where: { $0 == "," || $0 == "\"" }) ? nil : field }
        guard field.count >= 2, field.hasSuffix("\"") else { return nil }
        let inner = field.dropFirst().dropLast()
        let parts = inner.split(separator: "\"", omittingEmptySubsequences: false)
        // Inside, quotes come in pairs only.
        guard parts.count % 2 == 1, stride(from: 1, to: parts.count, by: 2).allSatisfy({ parts[$0].isEmpty }) else {
            return nil
        }
        return String(inner).replacing("\"\"", with: "\"")
    }

    @Test func amountsOfMoneyAreWrittenAsNumbers() {
        #expect(CSVWriter.field(Money(minorUnits: -6000, currency: .usd).decimalString) == "-60.00")
        #expect(CSVWriter.field(Money(minorUnits: 5, currency: .jpy).decimalString) == "5")
    }
}
