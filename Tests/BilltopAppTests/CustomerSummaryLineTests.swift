import BillingCore
import BilltopApp
import Testing

/// `billtop customer ID --oneline`: the line an agent pastes into a ticket.
struct CustomerSummaryLineTests {
    func line(_ id: String) throws -> String {
        let profile = try #require(try Fixtures.data().customer(Fixtures.key(id), asOf: Fixtures.today))
        return CustomerSummaryLine.make(profile)
    }

    @Test func anOverdueAccountSaysHowLateAndHowMuch() throws {
        #expect(
            try line("1001")
                == "Jane Doe <jane@acme.io> · Pro monthly · overdue 12d · MRR $1,200.00 · overdue $1,200.00 (1 invoice)"
        )
    }

    @Test func aPaidUpAccountSaysNothingIsOverdue() throws {
        #expect(try line("1003").hasSuffix("· active · MRR €49.00 · nothing overdue"))
    }

    @Test func hostileNamesStayOnOneInertLine() throws {
        for id in ["1008", "1009", "1010"] {
            let text = try line(id)
            #expect(
                !text.contains("\n") && !text.contains("\r") && !text.contains("\u{1B}") && !text.contains("\u{9B}"))
            #expect(!text.contains("\u{07}"))
        }
    }
}
