import Testing

@testable import BillingCore

@Suite("Money formatting")
struct FormattingTests {
    @Test func formatsWithSymbolsAndGrouping() {
        #expect(MoneyFormatter.format(Money(minorUnits: 120_000, currency: .usd)) == "$1,200.00")
        #expect(MoneyFormatter.format(Money(minorUnits: 98_000, currency: .eur)) == "€980.00")
        #expect(MoneyFormatter.format(Money(minorUnits: 5000, currency: .jpy)) == "¥5,000")
        #expect(MoneyFormatter.format(Money(minorUnits: 1250, currency: .kwd)) == "KWD 1.250")
        #expect(MoneyFormatter.format(Money(minorUnits: -6000, currency: .usd)) == "-$60.00")
        #expect(MoneyFormatter.format(Money(minorUnits: 6000, currency: .usd), showPlus: true) == "+$60.00")
        #expect(MoneyFormatter.format(Money(minorUnits: 5, currency: .gbp)) == "£0.05")
    }

    @Test func compactsLargeAmounts() {
        #expect(MoneyFormatter.compact(Money(minorUnits: 18_422_000, currency: .usd)) == "$184K")
        #expect(MoneyFormatter.compact(Money(minorUnits: 221_000_000, currency: .usd)) == "$2.21M")
        #expect(MoneyFormatter.compact(Money(minorUnits: 999_999, currency: .usd)) == "$9,999.99")
        #expect(MoneyFormatter.compact(Money(minorUnits: 1_250_000, currency: .usd)) == "$12.5K")
    }
}
