/// Exchange rates into one reporting currency, dated, for a labelled converted total.
public struct ConversionRateTable: Hashable, Sendable, Codable {
    /// The currency totals are converted into.
    public var target: Currency
    /// The day the rates were taken; always shown next to a converted figure.
    public var rateDate: LocalDate
    /// Units of `target` per one major unit of each source currency, exactly ("1.0842" EUR->USD).
    public var rates: [Currency: ExactDecimal]

    /// A table of rates into `target`, taken on `rateDate`.
    public init(target: Currency, rateDate: LocalDate, rates: [Currency: ExactDecimal]) {
        self.target = target
        self.rateDate = rateDate
        self.rates = rates
    }

    /// The rate for a currency (1 for the target itself), or nil when the table lacks it.
    public func rate(for currency: Currency) -> ExactDecimal? {
        currency == target ? ExactDecimal(1) : rates[currency]
    }

    /// `amount` in the target currency, rounded half-even to its minor unit; nil without a rate.
    public func convert(_ amount: Money) -> Money? {
        guard let rate = rate(for: amount.currency) else { return nil }
        // target_minor = source_minor / 10^srcExp * rate * 10^tgtExp, exactly, then one rounding.
        var numerator = Int128(amount.minorUnits) * Int128(rate.significand) * Int128(target.minorPerMajor)
        var denominator = Int128(amount.currency.minorPerMajor)
        for _ in 0..<rate.scale { denominator *= 10 }
        if denominator < 0 { numerator = -numerator; denominator = -denominator }
        return Money(minorUnits: Rounding.divideHalfEven(wideNumerator: numerator, by: denominator), currency: target)
    }

    /// The converted sum of per-currency totals, labelled; nil when a currency has no rate (never guessed).
    public func convertedTotal(_ totals: MoneyTotals) -> ConvertedTotal? {
        var sum = Money.zero(target)
        for amount in totals.amounts {
            guard let converted = convert(amount) else { return nil }
            sum += converted
        }
        return ConvertedTotal(amount: sum, rateDate: rateDate, sourceCurrencies: totals.currencies)
    }
}

/// A total converted into one currency: a secondary figure, always shown with its label.
public struct ConvertedTotal: Hashable, Sendable, Codable {
    /// The sum in the table's target currency.
    public var amount: Money
    /// The day the rates were taken.
    public var rateDate: LocalDate
    /// The currencies that went into it.
    public var sourceCurrencies: [Currency]

    public init(amount: Money, rateDate: LocalDate, sourceCurrencies: [Currency]) {
        self.amount = amount
        self.rateDate = rateDate
        self.sourceCurrencies = sourceCurrencies
    }

    /// "converted at rates of 2026-06-01", the label every surface prints next to the figure.
    public var label: String { "converted to \(amount.currency.code) at rates of \(rateDate)" }
}
