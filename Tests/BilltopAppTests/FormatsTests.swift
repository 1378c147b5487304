import BillingCore
import TUIKit
import Testing

@testable import BilltopApp

/// Labels that read well in the columns they get: plurals, card brands, short states, compact overdue, emails.
struct FormatsTests {
    @Test func monthOverMonthChangeRoundsHalfUpToTenths() {
        #expect(Formats.monthOverMonth([1000, 1031]) == "+3.1% m/m")
        #expect(Formats.monthOverMonth([1000, 969]) == "-3.1% m/m")
    }

    @Test func retriesAreSingularForOne() {
        #expect(Formats.retries(1) == "1 retry")
        #expect(Formats.retries(0) == "0 retries")
        #expect(Formats.retries(3) == "3 retries")
        let alert = DunningAlertRow(
            customer: CustomerKey(source: "s", id: "1"), customerName: "A", customerMRR: MoneyTotals(),
            totalDue: Money(minorUnits: 100, currency: .usd), oldestInvoiceNumber: "1", daysOverdue: 3,
            subscriptionState: .pastDue,
            dunningStage: "step 2", retries: 1)
        #expect(DunningPaneView.notes(alert).hasPrefix("step 2, 1 retry ·"))
    }

    @Test func paymentMethodsAsPeopleSayThem() {
        #expect(Formats.paymentMethod("credit_card", detail: "visa ****4242") == "Visa card 4242")
        #expect(
            Formats.paymentMethod("credit_card", detail: "american_express XXXX-XXXX-XXXX-1005") == "Amex card 1005")
        #expect(Formats.paymentMethod("credit_card", detail: "") == "card")
        #expect(Formats.paymentMethod("bank_transfer", detail: "") == "Bank transfer")
        #expect(Formats.paymentMethod("ach", detail: "Chase 6789") == "ACH Chase 6789")
        #expect(Formats.paymentMethod("bank_transfer", detail: "Bank transfer") == "Bank transfer")
        #expect(Formats.paymentMethod("ach", detail: "ach ref 12") == "ACH ref 12")
        #expect(Formats.paymentMethod("ach", detail: "Achilles Bank") == "ACH Achilles Bank")
        #expect(Formats.paymentMethod("wire\u{1B}[2J_thing", detail: "") == "Wire\u{241B}[2J thing")
    }

    @Test func cardBrandsAsPeopleSayThem() {
        #expect(Formats.cardBrand("american_express") == "Amex")
        #expect(Formats.cardBrand("master") == "Mastercard")
        #expect(Formats.cardBrand("visa") == "Visa")
        #expect(Formats.cardBrand("diners_club") == "Diners")
        #expect(Formats.cardBrand("some_new_brand") == "Some new brand")
        #expect(Formats.cardBrand("evil\u{1B}[31m") == "Evil␛[31m")
    }

    @Test func statesUseAShortLabelOnlyWhenTheWordsDoNotFit() {
        #expect(Formats.state(.softFailure) == "soft failure")
        #expect(Formats.state(.softFailure, width: 12) == "soft failure")
        #expect(Formats.state(.softFailure, width: 9) == "soft fail")
        #expect(Formats.state(.pastDue, width: 9) == "past due")
        #expect(Formats.state(.awaitingSignup, width: 9) == "awaiting")
        #expect(Formats.state(nil, width: 9) == "—")
        for state in [
            SubscriptionState.trialing, .assessing, .pending, .active, .softFailure, .pastDue, .unpaid, .canceled,
            .expired, .suspended, .onHold, .paused, .trialEnded, .failedToCreate, .awaitingSignup,
        ] {
            #expect(Formats.state(state, width: 9).count <= 9, "\(state)")
        }
    }

    @Test func overdueIsCompactWhenItWouldBeCut() {
        #expect(Formats.overdue(days: 95, width: 11) == "95d overdue")
        #expect(Formats.overdue(days: 722, width: 11) == "722d late")
        #expect(Formats.overdue(days: 722) == "722d overdue")
    }

    @Test func emailsKeepWhatTellsThemApart() {
        #expect(Formats.email("amara@example.com", width: 30) == "amara@example.com")
        #expect(Formats.email("amara.okafor.000067@example.com", width: 24) == "amara.okafor.000067@exa…")
        #expect(Formats.email("ava@rocket.de", width: 12) == "ava@rocket.…")
        #expect(Formats.email("amara.okafor.000067@example.com", width: 19) == "amara.okafor.000067")
        let a = Formats.email("amara.okafor.000067@example.com", width: 13)
        let b = Formats.email("amara.okafor.000412@example.com", width: 13)
        #expect(a == "amara.…000067")
        #expect(a != b)
        #expect(DisplayWidth.of(Formats.email("山田.太郎.000001@example.com", width: 9)) <= 9)
        #expect(Formats.email("a\u{1B}]0;x\u{07}@e.com", width: 40).unicodeScalars.allSatisfy { $0.value >= 0x20 })
    }

    @Test func theCustomersPaneGivesNamesRoomBeforeEmails() {
        // Half of a 120-column screen (inner 58): no email column, the name takes the room (26 cells).
        let half = CustomersPaneView.columns(width: 58)
        #expect(half.map(\.title) == ["Name", "MRR", "State", "Overdue"])
        #expect(TableColumn.widths(half, total: 58).first == 26)
        // From the threshold the email is shown and the name still gets at least 22 cells.
        let from = CustomersPaneView.emailFromWidth
        #expect(CustomersPaneView.columns(width: from - 1).map(\.title) == ["Name", "MRR", "State", "Overdue"])
        for width in [from, 78, 98, 150] {
            let columns = CustomersPaneView.columns(width: width)
            #expect(columns.map(\.title) == ["Name", "Email", "MRR", "State", "Overdue"], "width \(width)")
            let widths = TableColumn.widths(columns, total: width)
            #expect(widths.allSatisfy { $0 > 0 } && widths[0] >= 22 && widths[1] >= 12, "width \(width): \(widths)")
            #expect(widths.reduce(0, +) + widths.count - 1 == width, "width \(width) is filled")
            #expect(
                widths[0] <= CustomersPaneView.nameMaxWidthWithEmail, "width \(width): a name column of \(widths[0])")
        }
        // Half of a 200-column screen (inner 98): the name stops at its cap and the email gets the rest.
        #expect(TableColumn.widths(CustomersPaneView.columns(width: 98), total: 98).prefix(2) == [30, 35])
    }

    @Test func amountsAreShortenedOnlyWhenTheyDoNotFit() throws {
        let eur = try Money.parse("13047.12", currency: Currency("EUR")!)
        #expect(Formats.money(eur, width: 10) == "€13,047.12")
        #expect(Formats.money(eur, width: 9) == "€13.0K")
        let small = try Money.parse("980", currency: Currency("EUR")!)
        #expect(Formats.money(small, width: 3) == "€980.00", "below 10,000 there is no shorter form")
    }

    @Test func totalsInANarrowCellSayHowManyCurrenciesAreLeftOut() throws {
        let yen = try Money.parse("11700", currency: Currency("JPY")!)
        let usd = try Money.parse("238", currency: Currency("USD")!)
        let eur = try Money.parse("12.5", currency: Currency("EUR")!)
        let two = MoneyTotals([yen, usd])
        #expect(Formats.totals(two, width: 40) == "¥11,700 · $238.00")
        #expect(Formats.totals(two, width: 16) == "¥11.7K · $238.00")
        #expect(Formats.totals(two, width: 15) == "¥11.7K +1")
        #expect(Formats.totals(two, width: 10) == "¥11.7K +1")
        #expect(Formats.totals(MoneyTotals([yen, usd, eur]), width: 10) == "€12.50 +2", "ordered by currency code")
        #expect(Formats.totals(MoneyTotals([usd]), width: 10) == "$238.00")
        #expect(Formats.totals(MoneyTotals(), width: 10) == "—")
    }

    @Test func aSummaryLineSharesItsRoomSoNoPartIsCutAway() throws {
        let eur = try Money.parse("17596.12", currency: Currency("EUR")!)
        let gbp = try Money.parse("17204.5", currency: Currency("GBP")!)
        let yen = try Money.parse("3050000", currency: Currency("JPY")!)
        let usd = try Money.parse("108000", currency: Currency("USD")!)
        let overdue = MoneyTotals([eur, gbp, yen, usd])
        let risk = MoneyTotals([
            try Money.parse("3008.78", currency: Currency("EUR")!), try Money.parse("2201", currency: Currency("GBP")!),
        ])
        let parts: [(label: String, totals: MoneyTotals)] = [("overdue ", overdue), ("MRR at risk ", risk)]
        // Room for everything: in full.
        #expect(
            Formats.labelledTotals(parts, width: 200)
                == "overdue €17,596.12 · £17,204.50 · ¥3,050,000 · $108,000.00 · MRR at risk €3,008.78 · £2,201.00")
        // The dunning pane at 80 columns (78 inside): both parts whole, compact where they must be.
        let line = Formats.labelledTotals(parts, width: 78)
        #expect(line == "overdue €17.6K · £17.2K · ¥3.05M · $108K · MRR at risk €3,008.78 · £2,201.00")
        #expect(DisplayWidth.of(line) <= 78)
        // Narrower: each part says how many currencies it leaves out; the second part is never cut away.
        let narrow = Formats.labelledTotals(parts, width: 50)
        #expect(narrow == "overdue €17.6K +3 · MRR at risk €3,008.78 +1")
        #expect(DisplayWidth.of(narrow) <= 50)
        // Four currencies in each part (the demo at 80 columns): a fair share, not one amount beside four.
        let fourRisks = MoneyTotals([
            try Money.parse("3015.98", currency: Currency("EUR")!), try Money.parse("2201", currency: Currency("GBP")!),
            try Money.parse("123200", currency: Currency("JPY")!),
            try Money.parse("7724.08", currency: Currency("USD")!),
        ])
        #expect(
            Formats.labelledTotals([("overdue ", overdue), ("MRR at risk ", fourRisks)], width: 78)
                == "overdue €17.6K · £17.2K · ¥3.05M +1 · MRR at risk €3,015.98 · £2,201.00 +2")
        #expect(
            Formats.labelledTotals([("overdue ", MoneyTotals()), ("MRR at risk ", risk)], width: 30).hasPrefix(
                "overdue — · MRR at risk "))
    }

    @Test func theInvoicesPaneFitsItsAmountColumnsToTheRows() {
        // Half of a 120-column screen (inner 58) with typical rows: the customer gets 15 cells, not 10.
        let half = InvoicesPaneView.columns(width: 58, fit: InvoiceColumnFit(number: 8, total: 10, due: 10))
        #expect(TableColumn.widths(half, total: 58) == [8, 15, 10, 10, 11])
        // Narrow values never shrink a column below its title; wide ones stop at 16 cells.
        let tiny = InvoicesPaneView.columns(width: 58, fit: InvoiceColumnFit(number: 2, total: 1, due: 1))
        #expect(tiny.map(\.width) == [6, 10, 5, 3, 11])
        let wide = InvoicesPaneView.columns(width: 100, fit: InvoiceColumnFit(number: 40, total: 30, due: 2))
        #expect(wide.map(\.width) == [16, 10, 10, 16, 3, 11])
        // Without rows the standard widths apply.
        #expect(InvoicesPaneView.columns(width: 58).map(\.width) == [10, 10, 11, 11, 11])
    }

    @Test func cellsBeyondAColumnsMaxWidthGoToTheOthers() {
        let columns = [
            TableColumn("A", width: 5, flex: 1, maxWidth: 8), TableColumn("B", width: 5, flex: 1),
            TableColumn("C", width: 3),
        ]
        #expect(TableColumn.widths(columns, total: 40) == [8, 27, 3])
        let capped = [
            TableColumn("A", width: 5, flex: 1, maxWidth: 8), TableColumn("B", width: 5, flex: 1, maxWidth: 6),
        ]
        #expect(TableColumn.widths(capped, total: 30) == [8, 21], "every column capped: the last takes the rest")
        #expect(TableColumn.widths([TableColumn("A", width: 5, flex: 1, maxWidth: 8)], total: 7) == [7])
    }

    @Test func wrapKeepsEveryWord() {
        #expect(
            TextLayout.wrap("terminal too small (20x5), need 60x15", width: 20) == [
                "terminal too small", "(20x5), need 60x15",
            ])
        #expect(TextLayout.wrap("abcdefghij", width: 4) == ["abc…"])
    }
}
