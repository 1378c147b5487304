import Testing

@testable import BillingCore

@Suite("Money parsing and arithmetic")
struct MoneyTests {
    @Test(arguments: [
        ("0.10", "USD", Int64(10)),
        ("1234567.89", "USD", 123_456_789),
        ("1200.0", "USD", 120_000),
        ("-5", "EUR", -500),
        ("5000", "JPY", 5000),
        ("5000.00", "JPY", 5000),
        ("1.234", "KWD", 1234),
        ("0.5", "KWD", 500),
        ("+3.000", "GBP", 300),
        ("  7.5 ", "USD", 750),
        ("007.05", "USD", 705),
    ])
    func parsesDecimalStringsExactly(text: String, code: String, minor: Int64) throws {
        let money = try Money.parse(text, currency: Currency(code)!)
        #expect(money.minorUnits == minor)
        #expect(money.currency.code == code)
    }

    @Test(arguments: ["", "abc", "1,200.00", "1e3", "1.2.3", "-", ".", "12 34", "99999999999999999999"])
    func rejectsWhatIsNotADecimal(text: String) {
        #expect(throws: Money.ParseError.self) { try Money.parse(text, currency: .usd) }
    }

    @Test func refusesToDropPrecisionSilently() {
        #expect(throws: Money.ParseError.tooPrecise("1.005", currency: "USD")) {
            try Money.parse("1.005", currency: .usd)
        }
        #expect(throws: Money.ParseError.self) { try Money.parse("10.5", currency: .jpy) }
    }

    @Test func roundsHalfEvenWhenAskedTo() throws {
        #expect(try Money.parseRounding("1.005", currency: .usd).minorUnits == 100)
        #expect(try Money.parseRounding("1.015", currency: .usd).minorUnits == 102)
        #expect(try Money.parseRounding("-1.005", currency: .usd).minorUnits == -100)
    }

    @Test func decimalStringRoundTrips() throws {
        for (text, code) in [("1200.00", "USD"), ("-0.05", "EUR"), ("5000", "JPY"), ("1.234", "KWD"), ("0.00", "USD")] {
            #expect(try Money.parse(text, currency: Currency(code)!).decimalString == text)
        }
    }

    @Test func totalsKeepCurrenciesApart() {
        var totals = MoneyTotals()
        totals.add(Money(minorUnits: 5000, currency: .jpy))
        totals.add(Money(minorUnits: 5000, currency: .eur))
        totals.add(Money(minorUnits: 250, currency: .eur))
        #expect(totals[.jpy].minorUnits == 5000)
        #expect(totals[.eur].minorUnits == 5250)
        #expect(totals.currencies == [.eur, .jpy])
        #expect(Money(minorUnits: 1, currency: .usd).adding(Money(minorUnits: 1, currency: .eur)) == nil)
    }

    @Test func currenciesKnowTheirExponent() {
        #expect(Currency.jpy.exponent == 0)
        #expect(Currency.kwd.exponent == 3)
        #expect(Currency.usd.exponent == 2)
        #expect(Currency("usd") == .usd)
        #expect(Currency("US") == nil)
        #expect(Currency("XYZ")?.isKnown == false)
    }

    @Test func halfEvenDivision() {
        #expect(Rounding.divideHalfEven(5, by: 2) == 2)
        #expect(Rounding.divideHalfEven(7, by: 2) == 4)
        #expect(Rounding.divideHalfEven(-5, by: 2) == -2)
        #expect(Rounding.divideHalfEven(200_000, by: 12) == 16_667)
        // Int64.max * 10 / 20 = ...903.5, and half-even goes to the even neighbour: no overflow on the way.
        #expect(Rounding.multiplyDivideHalfEven(Int64.max, 10, by: 20) == Int64.max / 2 + 1)
    }
}
