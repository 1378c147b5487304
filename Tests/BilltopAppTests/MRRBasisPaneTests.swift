import BillingCore
import TUIKit
import Testing

@testable import BilltopApp

/// The MRR pane says how its history is known, so a back-filled trend never passes for an observed one.
struct MRRBasisPaneTests {
    func rendered(_ overview: MRROverview) -> String {
        var s = AppState(width: 100, height: 24, now: Fixtures.now)
        s.mrr = overview
        var grid = CellGrid(width: 100, height: 16)
        MRRPaneView.render(s, into: &grid, box: grid.bounds, focused: true)
        return grid.text
    }

    @Test func theMonthAndTheTrendCarryTheirBasis() {
        var overview = MRROverview(
            asOf: Fixtures.today,
            currencies: [
                CurrencyMRR(
                    currency: .usd, mrr: Money(minorUnits: 18_500, currency: .usd), payingCustomers: 2,
                    new: nil, expansion: Money(minorUnits: 5_500, currency: .usd), contraction: nil, churn: nil,
                    reactivation: nil, series: Array(repeating: 18_500, count: 12), isEstimate: false, basis: nil)
            ])
        overview.monthBasis = .observed
        overview.trendBasis = .backFilled
        let text = rendered(overview)
        #expect(text.contains("history observed at sync"), "\(text)")
        #expect(text.contains("12 mo BACK-FILLED at today's price"), "\(text)")
        overview.trendBasis = .observed
        #expect(!rendered(overview).contains("BACK-FILLED"))
    }
}
