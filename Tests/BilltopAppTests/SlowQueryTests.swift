import BillingCore
import BillingStore
import Dispatch
import Synchronization
import TUIKit
import TUITestSupport
import Testing

@testable import BilltopApp

/// A customer query that hangs in the store must not hang the keyboard: keys are reduced and frames drawn
/// while it is outstanding, and its answer lands when it returns.
struct SlowQueryTests {
    /// Fixture data whose customer queries, once `hold` is set, wait until the test opens the gate.
    final class GatedData: DashboardData {
        let base: any DashboardData
        let hold = Mutex(false)
        let started = DispatchSemaphore(value: 0)
        let gate = DispatchSemaphore(value: 0)
        /// Customer queries answered, and the search text of each.
        let answered = Mutex<[String]>([])

        init(_ base: any DashboardData) { self.base = base }

        func customers(_ query: CustomerQuery, offset: Int, limit: Int) throws -> RowWindow<CustomerRow> {
            if hold.withLock({ $0 }) {
                started.signal()
                // The backstop only matters when the loop is broken and runs this on its own thread: it
                // then returns after 10 s and the test fails on the answer having landed too early.
                _ = gate.wait(timeout: .now() + .seconds(10))
            }
            defer { answered.withLock { $0.append(query.text) } }
            return try base.customers(query, offset: offset, limit: limit)
        }
        func invoices(_ query: InvoiceQuery, offset: Int, limit: Int) throws -> InvoicePage {
            try base.invoices(query, offset: offset, limit: limit)
        }
        func dunning(asOf: LocalDate, limit: Int) throws -> DunningOverview {
            try base.dunning(asOf: asOf, limit: limit)
        }
        func mrr(asOf: LocalDate) throws -> MRROverview { try base.mrr(asOf: asOf) }
        func customer(_ key: CustomerKey, asOf: LocalDate) throws -> CustomerProfile? {
            try base.customer(key, asOf: asOf)
        }
        func syncStatus() throws -> SyncOverview { try base.syncStatus() }
        func sourceHealth(now: Timestamp) throws -> [SourceHealth] { try base.sourceHealth(now: now) }
    }

    @Test func keysAndFramesGoOnWhileACustomerQueryHangs() throws {
        let data = GatedData(Fixtures.data())
        let terminal = FakeTerminal(width: 120, height: 40)
        let loop = DashboardLoop(data: data, terminal: terminal, clock: { Fixtures.now }, exportDirectory: "/tmp")
        try loop.step(settle: true)
        data.hold.withLock { $0 = true }
        let before = data.answered.withLock { $0.count }

        terminal.pendingEvents = [.char("/"), .char("y")]
        try loop.step()
        try #require(data.started.wait(timeout: .now() + .seconds(10)) == .success, "the search never reached the data")
        // The query for "y" is now stuck in the data. Keys still go through the reducer, frames still come.
        let frames = terminal.frames.count
        for c in "am" {
            terminal.pendingEvents = [.char(c)]
            try loop.step()
        }
        terminal.pendingEvents = [.down]
        try loop.step()
        #expect(loop.state.customerQuery.text == "yam")
        #expect(loop.state.customers.selected == 1, "Down moved the selection")
        #expect(terminal.frames.count == frames + 3, "a frame per turn")
        let shown = terminal.lastFrame?.text ?? ""
        #expect(shown.contains("/ yam"), "the search line shows what was typed")
        #expect(shown.contains("Customers (14)") && shown.contains("Jane Doe"), "the previous rows stay meanwhile")
        #expect(data.answered.withLock { $0.count } == before, "nothing answered while the gate was shut")

        data.hold.withLock { $0 = false }
        data.gate.signal()
        loop.settle()
        try loop.step()
        // "y" was running when "a" and "m" came; "ya" waited in the queue and "yam" replaced it.
        #expect(data.answered.withLock { Array($0.dropFirst(before)) } == ["y", "yam"])
        #expect(loop.state.customers.total == 1)
        let answered = terminal.lastFrame?.text ?? ""
        #expect(answered.contains("Customers (1)") && answered.contains("山田"), "the answer landed")
    }
}
