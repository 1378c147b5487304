import BillingCore
import Testing

@Suite struct MetricsCSVTests {
    @Test func formulasAreNeutralisedAndControlsMadeInert() {
        #expect(MetricsCSV.text("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(MetricsCSV.text("+1") == "'+1")
        #expect(MetricsCSV.text("-2") == "'-2")
        #expect(MetricsCSV.text("@SUM(A1)") == "'@SUM(A1)")
        #expect(MetricsCSV.text("Acme, Inc.") == "\"Acme, Inc.\"")
        let hostile = MetricsCSV.text("Evil\u{1B}[2J\nCorp")
        #expect(!hostile.contains("\u{1B}") && !hostile.contains("\n"))
        #expect(MetricsCSV.text("plain") == "plain")
        #expect(MetricsCSV.number(Money(minorUnits: -6000, currency: .usd)) == "-60.00")
    }
}
