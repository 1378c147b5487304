import Testing

@testable import BilltopApp

struct CSVWriterTests {
    @Test func formulasAreNeutralisedButNumbersAreNot() {
        #expect(CSVWriter.field("=SUM(A1)") == "'=SUM(A1)")
        #expect(CSVWriter.field("+1 (555)") == "'+1 (555)")
        #expect(CSVWriter.field("@cmd") == "'@cmd")
        #expect(CSVWriter.field("-12.50") == "-12.50")
        #expect(CSVWriter.field("\tx") == "␉x", "the tab is made visible before the formula check")
    }

    @Test func quotingAndControls() {
        #expect(CSVWriter.field("a,b") == "\"a,b\"")
        #expect(CSVWriter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.field("a\nb\u{1B}[2J") == "a␊b␛[2J")
        #expect(CSVWriter.document(header: ["a", "b"], rows: [["1", "x"]]) == "a,b\r\n1,x\r\n")
    }
}
