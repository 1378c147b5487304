/// ARR, ARPA and the churn ratios of billing-math.md, exact until formatting.
public enum MRRRatios {
    /// ARR = 12 x MRR.
    public static func arr(_ mrr: Money) -> Money { Money(minorUnits: mrr.minorUnits * 12, currency: mrr.currency) }

    /// ARPA = MRR / customers with MRR > 0, rounded half-even; nil with no customers.
    public static func arpa(_ mrr: Money, customers: Int) -> Money? {
        guard customers > 0 else { return nil }
        return Money(minorUnits: Rounding.divideHalfEven(mrr.minorUnits, by: Int64(customers)), currency: mrr.currency)
    }

    /// Gross MRR churn = (churn + contraction) / start.
    public static func grossChurn(_ bridge: MRRBridge) -> ExactRatio? {
        ExactRatio(bridge.churn + bridge.contraction, over: bridge.start)
    }

    /// Net MRR churn = (churn + contraction - expansion - reactivation) / start.
    public static func netChurn(_ bridge: MRRBridge) -> ExactRatio? {
        ExactRatio(bridge.churn + bridge.contraction - bridge.expansion - bridge.reactivation, over: bridge.start)
    }

    /// NRR = 1 - net MRR churn.
    public static func nrr(_ bridge: MRRBridge) -> ExactRatio? {
        ExactRatio(
            bridge.start - (bridge.churn + bridge.contraction - bridge.expansion - bridge.reactivation),
            over: bridge.start)
    }
}
