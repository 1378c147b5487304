import BillingCore
import TUIKit
import Testing

@testable import BilltopApp

/// While a first sync runs, the header shows its newest estimate from the sync log in place of "not
/// synced yet", whole at 80 columns; a stale estimate is not shown once nothing runs.
struct FirstSyncHeaderTests {
    let line =
        "first sync 1/4, ETA 22m+ (estimate): invoices 1240 of ~6000, events 3400 so far; "
        + "at least 1302 requests left at 60/min"

    func state(_ activity: SyncOverview.Source.Activity, log: [String]) -> AppState {
        var s = AppState(width: 80, height: 24, now: Fixtures.now)
        s.sync = SyncOverview(
            sources: [SyncOverview.Source(name: "acme", kind: "chargify", activity: activity)],
            log: log.map { LogLine(time: Fixtures.now, level: .info, message: $0) })
        return s
    }

    func header(_ s: AppState) -> String {
        var grid = CellGrid(width: 80, height: 1)
        HeaderView.render(s, into: &grid, rect: grid.bounds)
        return grid.text
    }

    @Test func aRunningFirstSyncShowsItsEstimateWholeAt80Columns() {
        let s = state(
            .syncing("syncing invoices: 1240"), log: ["first sync 0/4, ETA unknown (estimate)", line, "other"])
        let (text, _) = HeaderView.syncText(s)
        #expect(text == "first sync 1/4, ETA 22m+ (estimate) · syncing invoices: 1240")
        #expect(header(s).contains("first sync 1/4, ETA 22m+ (estimate) · syncing invoices: 1240"))
    }

    @Test func withoutARunningSyncOrAnEstimateItIsNotSyncedYet() {
        #expect(HeaderView.syncText(state(.idle, log: [line])).0 == "not synced yet")
        #expect(HeaderView.syncText(state(.failed("events: stopped"), log: [line])).0.hasPrefix("not synced yet"))
        #expect(
            HeaderView.syncText(state(.syncing("syncing customers"), log: ["other"])).0
                == "not synced yet · syncing customers")
    }
}
