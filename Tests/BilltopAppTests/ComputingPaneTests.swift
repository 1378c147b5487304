import BillingCore
import TUIKit
import Testing

@testable import BilltopApp

/// Before a source's aggregates are first computed, the dunning and MRR panes say they are computing, never
/// "nothing owed" or "no recurring revenue" (which would be a wrong answer, drawn in the all-clear colour).
struct ComputingPaneTests {
    func rendered(_ s: AppState, _ draw: (AppState, inout CellGrid, Rect) -> Void) -> String {
        var grid = CellGrid(width: 80, height: 16)
        draw(s, &grid, grid.bounds)
        return grid.text
    }

    @Test func dunningSaysComputingUntilTheAggregatesExist() {
        var s = AppState(width: 80, height: 24, now: Fixtures.now)
        var overview = DunningOverview(
            asOf: Fixtures.today, buckets: [:], openReceivable: MoneyTotals(), mrrAtRisk: MoneyTotals(), alerts: [])
        overview.computing = true
        s.dunning = overview
        let computing = rendered(s) { DunningPaneView.render($0, into: &$1, box: $2, focused: true) }
        #expect(computing.contains("computing aging and alerts"))
        #expect(!computing.contains("nothing owed") && !computing.contains("no account in dunning"))

        overview.computing = false
        s.dunning = overview
        let empty = rendered(s) { DunningPaneView.render($0, into: &$1, box: $2, focused: true) }
        #expect(empty.contains("nothing owed") && empty.contains("no account in dunning"))
    }

    @Test func mrrSaysComputingUntilTheAggregatesExist() {
        var s = AppState(width: 80, height: 24, now: Fixtures.now)
        var overview = MRROverview(asOf: Fixtures.today, currencies: [])
        overview.computing = true
        s.mrr = overview
        #expect(rendered(s) { MRRPaneView.render($0, into: &$1, box: $2, focused: true) }.contains("computing MRR"))
        overview.computing = false
        s.mrr = overview
        #expect(
            rendered(s) { MRRPaneView.render($0, into: &$1, box: $2, focused: true) }.contains(
                "no recurring revenue yet"))
    }
}
