import Testing

@testable import BilltopApp

/// Column widths and the sparkline text (the CSV field writer's tests are in BillingCoreTests/CSVWriterTests).
struct ColumnAndSparklineTests {
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
