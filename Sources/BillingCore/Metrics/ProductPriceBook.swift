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
        var counts: [Key: [Price: Int]] = [:]
        for subscription in subscriptions where !subscription.productID.isEmpty {
            let key = Key(productID: subscription.productID, currency: subscription.currency)
            counts[key, default: [:]][
                Price(price: subscription.productPrice, interval: subscription.interval), default: 0] += 1
        }
        for (key, seen) in counts {
            prices[key] =
                seen.max {
                    ($0.value, -$0.key.price.minorUnits, -$0.key.interval.count)
                        < ($1.value, -$1.key.price.minorUnits, -$1.key.interval.count)
                }?.key
        }
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
