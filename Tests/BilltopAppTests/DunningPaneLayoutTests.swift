import BillingCore
import TUIKit
import Testing

@testable import BilltopApp

/// The alert list's columns on a wide terminal: the name column stops at the widest name listed, so the
/// notes (stage, retries, the decline reason, MRR) are read in full instead of cut beside empty cells.
struct DunningPaneLayoutTests {
    func alert(_ id: String, _ name: String, due: String) -> DunningAlertRow {
        DunningAlertRow(
            customer: Fixtures.key(id), customerName: name,
            customerMRR: MoneyTotals([Fixtures.m("430", .usd)]), totalDue: Fixtures.m(due, .usd),
            oldestInvoiceNumber: "I-\(id)", daysOverdue: 45, subscriptionState: .pastDue, dunningStage: "retry",
            retries: 1, lastFailureReason: "Payment failed: Insufficient funds")
    }

    func lines(_ alerts: [DunningAlertRow], width: Int, top: Int = 0) -> [String] {
        var s = AppState(width: width, height: 24, now: Fixtures.now)
        s.dunning = DunningOverview(
            asOf: Fixtures.today, buckets: [.days31to60: MoneyTotals([Fixtures.m("900", .usd)])],
            openReceivable: MoneyTotals([Fixtures.m("900", .usd)]), mrrAtRisk: MoneyTotals([Fixtures.m("430", .usd)]),
            alerts: alerts)
        s.dunningTop = top
        var grid = CellGrid(width: width, height: 16)
        DunningPaneView.render(s, into: &grid, box: grid.bounds, focused: true)
        return grid.text.split(separator: "\n").map(String.init)
    }

    @Test func shortNamesLeaveTheirRoomToTheNotes() throws {
        let notes = "retry, 1 retry · Payment failed: Insufficient funds · MRR $430.00"
        let rows = [alert("1", "Ann Lee", due: "600"), alert("2", "Bo Chen", due: "300")]
        let shown = lines(rows, width: 120)
        let ann = try #require(shown.first { $0.contains("Ann Lee") })
        #expect(ann.contains(notes), "\(ann)")
        // The name column is as wide as the widest name, not the flexible share of 120 columns.
        let header = try #require(shown.first { $0.contains("Customer") && $0.contains("Notes") })
        let name = try #require(header.firstRange(of: "Customer")), due = try #require(header.firstRange(of: "Due"))
        #expect(header.distance(from: name.lowerBound, to: due.lowerBound) < 30, "\(header)")
    }

    @Test func oneVeryLongNameIsCutRatherThanWideningTheColumnForEveryRow() throws {
        let long = "Wolfeschlegelsteinhausenbergerdorff-Maximilian"
        let notes = "retry, 1 retry · Payment failed: Insufficient funds · MRR $430.00"
        let rows =
            [alert("1", "Ann Lee", due: "600")] + (2...30).map { alert("\($0)", "N\($0)", due: "100") }
            + [alert("31", long, due: "50")]
        let first = lines(rows, width: 120)
        let ann = try #require(first.first { $0.contains("Ann Lee") })
        #expect(ann.contains(notes), "\(ann)")
        let last = lines(rows, width: 120, top: 25)
        #expect(last.contains { $0.contains("Wolfeschleg") && $0.contains("…") && !$0.contains(long) })
        // The column keeps its width while scrolling: it is measured on the whole list, not the rows shown.
        let header = { (shown: [String]) in shown.first { $0.contains("Customer") && $0.contains("Notes") } }
        #expect(header(first) != nil && header(first) == header(last))
    }

    @Test func aLongerNameFitsWhereTheNotesKeepTheirRoom() throws {
        let longer = "Thiago Araújo Gonçalves"
        let rows = (1...30).map { alert("\($0)", "N\($0)", due: "100") } + [alert("31", longer, due: "50")]
        #expect(lines(rows, width: 120, top: 25).contains { $0.contains(longer) })
        // At 80 columns the notes come first: the name is cut.
        #expect(!lines(rows, width: 80, top: 25).contains { $0.contains(longer) })
    }

    @Test func namesLongerThanTheFewFitWhenTheyAreTheRule() throws {
        let rows = (1...10).map { alert("\($0)", "Alejandro Gutiérrez Domínguez \($0)", due: "100") }
        #expect(lines(rows, width: 120).contains { $0.contains("Alejandro Gutiérrez Domínguez 10") })
    }
}
