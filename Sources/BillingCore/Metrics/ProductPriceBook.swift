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

    /// The product's price in `currency`, or nil when no subscription is on it now.
    public func price(productID: String, currency: Currency) -> Price? {
        prices[Key(productID: productID, currency: currency)]
    }
}
