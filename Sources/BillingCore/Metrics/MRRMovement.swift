/// One customer's MRR change in one currency, classified as billing-math.md's movement table says.
public struct MRRMovement: Hashable, Sendable, Codable {
    /// The five movement kinds; each amount is a positive magnitude, its sign given by the kind.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case new, reactivation, expansion, contraction, churn

        /// +1 for kinds that raise MRR, -1 for those that lower it.
        public var sign: Int64 { self == .contraction || self == .churn ? -1 : 1 }

        /// Classifies a change from `before` to `after` (minor units); nil when MRR did not change.
        /// `hadMRRBefore` says whether the customer had MRR > 0 at some earlier time (within the window).
        public static func classify(before: Int64, after: Int64, hadMRRBefore: Bool) -> Kind? {
            if before == after { return nil }
            if before <= 0 { return after > 0 ? (hadMRRBefore ? .reactivation : .new) : nil }
            if after <= 0 { return .churn }
            return after > before ? .expansion : .contraction
        }
    }

    /// The day the change is counted on (the day of the later snapshot).
    public var date: LocalDate
    public var customerID: String
    public var kind: Kind
    /// Positive magnitude in the currency's minor units.
    public var amount: Money

    public init(date: LocalDate, customerID: String, kind: Kind, amount: Money) {
        self.date = date
        self.customerID = customerID
        self.kind = kind
        self.amount = amount
    }

    /// The change in MRR this movement makes (negative for contraction and churn).
    public var signedAmount: Money { Money(minorUnits: kind.sign * amount.minorUnits, currency: amount.currency) }
}

/// A customer in one currency: the unit movements are computed on (a customer paying in two currencies moves twice).
public struct CustomerCurrency: Hashable, Sendable, Codable, Comparable {
    public var customerID: String
    public var currency: Currency

    public init(customerID: String, currency: Currency) {
        self.customerID = customerID
        self.currency = currency
    }

    public static func < (a: CustomerCurrency, b: CustomerCurrency) -> Bool {
        (a.customerID, a.currency.code) < (b.customerID, b.currency.code)
    }
}
