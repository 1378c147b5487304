/// The card a subscription is charged to, as much as the API reveals of it.
public struct CreditCard: Hashable, Sendable, Codable {
    public var cardType: String
    public var maskedNumber: String
    public var expirationMonth: Int
    public var expirationYear: Int

    public init(cardType: String, maskedNumber: String, expirationMonth: Int, expirationYear: Int) {
        self.cardType = cardType
        self.maskedNumber = maskedNumber
        self.expirationMonth = expirationMonth
        self.expirationYear = expirationYear
    }

    /// The last day the card works: the end of its expiry month.
    public var lastValidDay: LocalDate? {
        guard let first = LocalDate(year: expirationYear, month: expirationMonth, day: 1) else { return nil }
        return first.endOfMonth
    }

    /// True when the card stops working within `days` days of `date` (or already has).
    public func expires(within days: Int, of date: LocalDate) -> Bool {
        guard let last = lastValidDay else { return false }
        return date.days(until: last) < days
    }
}
