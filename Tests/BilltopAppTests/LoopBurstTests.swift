import BillingCore
import BillingStore
import Synchronization
import TUIKit
import TUITestSupport
import Testing

@testable import BilltopApp

/// A burst of keys read in one turn of the loop costs one list load per list, not one per key.
struct LoopBurstTests {
    /// Fixture data that counts the list queries it answers.
    final class CountingData: DashboardData {
        let base: any DashboardData
        let customerLoads = Mutex(0)
        let invoiceLoads = Mutex(0)

        init(_ base: any DashboardData) { self.base = base }

        func customers(_ query: CustomerQuery, offset: Int, limit: Int) throws -> RowWindow<CustomerRow> {
            customerLoads.withLock { $0 += 1 }
            return try base.customers(query, offset: offset, limit: limit)
        }
        func invoices(_ query: InvoiceQuery, offset: Int, limit: Int) throws -> InvoicePage {
            invoiceLoads.withLock { $0 += 1 }
            return try base.invoices(query, offset: offset, limit: limit)
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

    @Test func typingAWordInOneBurstSearchesOnce() throws {
        let data = CountingData(Fixtures.data())
        let terminal = FakeTerminal(width: 120, height: 40)
        let loop = DashboardLoop(data: data, terminal: terminal, clock: { Fixtures.now }, exportDirectory: "/tmp")
        try loop.step(settle: true)
        let before = data.customerLoads.withLock { $0 }
        terminal.pendingEvents = [.char("/")] + "yamada".map { KeyEvent.char($0) }
        try loop.step(settle: true)
        #expect(data.customerLoads.withLock { $0 } == before + 1, "one search for the whole word")
        #expect(loop.state.customers.total == 1)
        #expect(terminal.frames.count == 2, "one frame for the burst")
        #expect(terminal.lastFrame?.text.contains("山田") == true)
    }

    @Test func keysOneAtATimeStillSearchEachTime() throws {
        let data = CountingData(Fixtures.data())
        let terminal = FakeTerminal(width: 120, height: 40)
        let loop = DashboardLoop(data: data, terminal: terminal, clock: { Fixtures.now }, exportDirectory: "/tmp")
        try loop.step(settle: true)
        terminal.pendingEvents = [.char("/")]
        try loop.step(settle: true)
        let before = data.customerLoads.withLock { $0 }
        for c in "yam" {
            terminal.pendingEvents = [.char(c)]
            try loop.step(settle: true)
        }
        #expect(data.customerLoads.withLock { $0 } == before + 3)
        #expect(loop.state.customerQuery.text == "yam")
    }

    @Test func aBurstThatSearchesAndScrollsLoadsEachListOnce() throws {
        let data = CountingData(Fixtures.data())
        let terminal = FakeTerminal(width: 120, height: 40)
        let loop = DashboardLoop(data: data, terminal: terminal, clock: { Fixtures.now }, exportDirectory: "/tmp")
        try loop.step(settle: true)
        let customers = data.customerLoads.withLock { $0 }
        let invoices = data.invoiceLoads.withLock { $0 }
        // Sort twice, reverse, then cycle the invoice filter twice: each list is loaded once, for the final query.
        terminal.pendingEvents = [.char("s"), .char("s"), .char("S"), .char("2"), .char("f"), .char("f")]
        try loop.step(settle: true)
        #expect(data.customerLoads.withLock { $0 } == customers + 1)
        #expect(data.invoiceLoads.withLock { $0 } == invoices + 1)
        #expect(loop.state.customerQuery.sort == .state && loop.state.customerQuery.descending)
        #expect(loop.state.invoiceQuery.status == .overdue)
        #expect(loop.state.customers.loaded && loop.state.invoices.loaded)
    }
}
