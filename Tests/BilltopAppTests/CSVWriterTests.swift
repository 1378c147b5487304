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

    @Test func columnWidthsShareSpareRoomAndDropWhatDoesNotFit() {
        let columns = [Column("a", width: 4, flex: 1), Column("b", width: 6), Column("c", width: 10)]
        #expect(Column.widths(columns, total: 30) == [12, 6, 10])
        #expect(Column.widths(columns, total: 12) == [5, 6, 0])
    }

    @Test func sparklineAndChange() {
        #expect(SparklineText.render([0, 7, 14]) == "▁▄█")
        #expect(SparklineText.render([5, 5]) == "▄▄")
        #expect(SparklineText.change([1000, 1031]) == "+3.1% m/m")
        #expect(SparklineText.change([1000, 969]) == "-3.1% m/m")
    }
}
