/// The MRR bridge of one currency over a period: `end = start + new + reactivation + expansion - contraction - churn`.
public struct MRRBridge: Hashable, Sendable, Codable {
    public var currency: Currency
    /// Minor units of MRR at the start of the period.
    public var start: Int64
    public var new: Int64 = 0
    public var reactivation: Int64 = 0
    public var expansion: Int64 = 0
    /// Positive magnitude.
    public var contraction: Int64 = 0
    /// Positive magnitude.
    public var churn: Int64 = 0
    /// Minor units of MRR at the end, as measured (not derived), so `reconciles` is a real check.
    public var end: Int64

    /// A bridge with no movements yet.
    public init(currency: Currency, start: Int64, end: Int64) {
        self.currency = currency
        self.start = start
        self.end = end
    }

    /// Adds a movement of this currency.
    public mutating func record(_ movement: MRRMovement) {
        precondition(
            movement.amount.currency == currency, "movement in \(movement.amount.currency) on a \(currency) bridge")
        let amount = movement.amount.minorUnits
        switch movement.kind {
        case .new: new += amount
        case .reactivation: reactivation += amount
        case .expansion: expansion += amount
        case .contraction: contraction += amount
        case .churn: churn += amount
        }
    }

    /// The amount of one movement kind (positive magnitude).
    public func amount(_ kind: MRRMovement.Kind) -> Money {
        let value: Int64
        switch kind {
        case .new: value = new
        case .reactivation: value = reactivation
        case .expansion: value = expansion
        case .contraction: value = contraction
        case .churn: value = churn
        }
        return Money(minorUnits: value, currency: currency)
    }

    /// start + new + reactivation + expansion - contraction - churn.
    public var derivedEnd: Int64 { start + new + reactivation + expansion - contraction - churn }

    /// True when the movements explain the change to the minor unit.
    public var reconciles: Bool { derivedEnd == end }

    /// Net new MRR over the period.
    public var netChange: Money { Money(minorUnits: end - start, currency: currency) }

    /// Bridges per currency from start and end totals and the movements between them.
    public static func build(start: MoneyTotals, end: MoneyTotals, movements: some Sequence<MRRMovement>) -> [MRRBridge]
    {
        var currencies = Set(start.currencies)
        currencies.formUnion(end.currencies)
        var bridges: [Currency: MRRBridge] = [:]
        for currency in currencies {
            bridges[currency] = MRRBridge(
                currency: currency, start: start[currency].minorUnits, end: end[currency].minorUnits)
        }
        for movement in movements {
            let currency = movement.amount.currency
            if bridges[currency] == nil {
                bridges[currency] = MRRBridge(currency: currency, start: 0, end: 0)
            }
            bridges[currency]!.record(movement)
        }
        return bridges.values.sorted { $0.currency < $1.currency }
    }
}
