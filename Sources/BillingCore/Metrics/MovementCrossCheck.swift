/// Chargify's own movements (the deprecated `GET /mrr_movements.json`) set beside billtop's, per month, currency
/// and kind: what `billtop mrr --cross-check` prints. Neither side is taken as the truth; a difference is a
/// month someone should look at (a change only one side saw, a price only one side knew).
public enum MovementCrossCheck {
    /// One movement as the provider reports it.
    public struct ProviderMovement: Hashable, Sendable {
        public var day: LocalDate
        public var kind: MRRMovement.Kind
        /// Positive magnitude, as billtop's movements are.
        public var amount: Money

        public init(day: LocalDate, kind: MRRMovement.Kind, amount: Money) {
            self.day = day
            self.kind = kind
            self.amount = amount
        }

        /// Chargify's category names (`new_business` is its "new").
        public static func kind(category: String) -> MRRMovement.Kind? {
            switch category.lowercased() {
            case "new", "new_business": .new
            case "expansion", "upgrade": .expansion
            case "contraction", "downgrade": .contraction
            case "churn": .churn
            case "reactivation": .reactivation
            default: nil
            }
        }
    }

    /// A month, currency and kind where the two sides disagree (minor units).
    public struct Difference: Hashable, Sendable {
        public var month: LocalDate
        public var currency: Currency
        public var kind: MRRMovement.Kind
        public var provider: Int64
        public var billtop: Int64
    }

    /// The months of `billtop` (each with its bridges per currency), compared kind by kind with the provider's
    /// movements in the same months; a provider movement outside those months is not compared. Sorted by month,
    /// currency and kind.
    public static func differences(
        provider: [ProviderMovement],
        billtop: [(month: LocalDate, from: LocalDate, through: LocalDate, bridges: [MRRBridge])]
    ) -> [Difference] {
        struct Key: Hashable {
            var month: LocalDate
            var currency: Currency
            var kind: MRRMovement.Kind
        }
        var theirs: [Key: Int64] = [:]
        var ours: [Key: Int64] = [:]
        for month in billtop {
            for movement in provider where movement.day >= month.from && movement.day <= month.through {
                theirs[Key(month: month.month, currency: movement.amount.currency, kind: movement.kind), default: 0] +=
                    movement.amount.minorUnits
            }
            for bridge in month.bridges {
                for kind in MRRMovement.Kind.allCases {
                    ours[Key(month: month.month, currency: bridge.currency, kind: kind)] =
                        bridge.amount(kind).minorUnits
                }
            }
        }
        let keys = Set(theirs.keys).union(ours.keys)
        return keys.compactMap { key -> Difference? in
            let (p, b) = (theirs[key] ?? 0, ours[key] ?? 0)
            return p == b
                ? nil : Difference(month: key.month, currency: key.currency, kind: key.kind, provider: p, billtop: b)
        }.sorted {
            ($0.month, $0.currency.code, MRRMovement.Kind.allCases.firstIndex(of: $0.kind)!)
                < ($1.month, $1.currency.code, MRRMovement.Kind.allCases.firstIndex(of: $1.kind)!)
        }
    }
}
