/// Each product's price today, learnt from the subscriptions on it: what a product change's previous product
/// cost, since events name products but never prices and the API does not version prices.
public struct ProductPriceBook: Sendable {
    struct Key: Hashable, Sendable {
        var productID: String
        var currency: Currency
    }

    /// A product's price per billing interval.
    public struct Price: Hashable, Sendable {
        public var price: Money
        public var interval: BillingInterval

        public init(price: Money, interval: BillingInterval) {
            self.price = price
            self.interval = interval
        }
    }

    var prices: [Key: Price] = [:]
    /// What a subscription was billed for a product, from its last recurring invoice line for that product
    /// before a change (issue 21: the best evidence of a price the API does not version).
    var billed: [BilledKey: Money] = [:]

    struct BilledKey: Hashable, Sendable {
        var subscriptionID: String
        var productID: String
        var before: Timestamp
    }

    /// The most common price and interval per product and currency among `subscriptions` (ties: the lowest
    /// price, so the same store always gives the same book).
    public init(_ subscriptions: some Sequence<Subscription>) {
        self.init(
            counts: subscriptions.lazy.filter { !$0.productID.isEmpty }.map {
                ($0.productID, $0.currency, $0.productPrice, $0.interval, 1)
            })
    }

    /// The same book from counts of subscriptions per product, price and interval (an incremental refresh keeps
    /// these counts instead of every subscription; several entries of one price add up).
    public init(
        counts: some Sequence<
            (productID: String, currency: Currency, price: Money, interval: BillingInterval, count: Int)
        >
    ) {
        var seen: [Key: [Price: Int]] = [:]
        for entry in counts {
            let key = Key(productID: entry.productID, currency: entry.currency)
            seen[key, default: [:]][Price(price: entry.price, interval: entry.interval), default: 0] += entry.count
        }
        for (key, byPrice) in seen {
            prices[key] = Self.mode(byPrice)
        }
    }

    /// The most common price (ties: the lowest price, then the shortest interval); nil when no count is above 0.
    public static func mode(_ counts: [Price: Int]) -> Price? {
        counts.filter { $0.value > 0 }.max {
            ($0.value, -$0.key.price.minorUnits, -$0.key.interval.count)
                < ($1.value, -$1.key.price.minorUnits, -$1.key.interval.count)
        }?.key
    }

    /// A book with explicit prices (tests, and a provider that lists products).
    public init(prices: [(productID: String, price: Money, interval: BillingInterval)]) {
        for entry in prices {
            self.prices[Key(productID: entry.productID, currency: entry.price.currency)] = Price(
                price: entry.price, interval: entry.interval)
        }
    }

    /// Records that `subscriptionID` was billed `unitPrice` per period for `productID` on its last invoice line
    /// before the change at `before`.
    public mutating func addBilled(subscriptionID: String, productID: String, before: Timestamp, unitPrice: Money) {
        billed[BilledKey(subscriptionID: subscriptionID, productID: productID, before: before)] = unitPrice
    }

    /// The previous product's price for the change at `at`: the subscription's own last invoice line for it
    /// (basis `.invoices`), else today's price of that product (basis `.events`), else nil.
    public func previousPrice(subscriptionID: String, productID: String, currency: Currency, at: Timestamp) -> (
        price: Price, basis: HistoryBasis
    )? {
        let known = price(productID: productID, currency: currency)
        if let billed = billed[BilledKey(subscriptionID: subscriptionID, productID: productID, before: at)],
            billed.currency == currency
        {
            // The invoice gives the amount per period; the interval is today's for that product when known.
            return (Price(price: billed, interval: known?.interval ?? .monthly), .invoices)
        }
        return known.map { ($0, .events) }
    }

    /// The product's price in `currency`, or nil when no subscription is on it now.
    public func price(productID: String, currency: Currency) -> Price? {
        prices[Key(productID: productID, currency: currency)]
    }
}
