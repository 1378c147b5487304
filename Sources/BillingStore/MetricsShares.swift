import BillingCore

/// Each customer's part of the company figures (`metrics_customer_share`), computed with the same rules as the
/// totals: the totals are the sum of these parts, so a refresh of a few customers moves each total by the new
/// parts minus the old ones.
struct MetricsShares {
    /// One part: `amount` and `count` of `kind` (with its `key`) for one customer and currency.
    struct Row: Hashable {
        var customerID: String
        var currency: String
        var kind: Kind
        var key: String
        var amount: Int64
        var count: Int
    }

    enum Kind: String {
        /// Usage run-rate; count: subscriptions with usage.
        case usage
        /// Scheduled churn; count: subscriptions with a scheduled end.
        case churn
        /// Outstanding in one aging bucket (key); count: invoices.
        case aging
        /// The customer's MRR when it has a dunning alert; count 1.
        case risk
        /// The months (a bit each) one basis (key) counted in; currency empty.
        case basis
        /// Subscriptions on one product at one price and interval (key: `priceKey`), for the price book.
        case price
    }

    private(set) var rows: [Row] = []

    /// The parts of every customer in `input` (all of a source's, or the few an incremental refresh loaded).
    init(input: MetricsInput, computed: MetricsComputation, settings: MetricsSettings) {
        let asOf = computed.asOf
        var sums: [Row: (amount: Int64, count: Int)] = [:]
        func add(_ customer: String, _ currency: String, _ kind: Kind, _ key: String, _ amount: Int64, _ count: Int) {
            let id = Row(customerID: customer, currency: currency, kind: kind, key: key, amount: 0, count: 0)
            let sum = sums[id] ?? (0, 0)
            sums[id] = (sum.amount + amount, sum.count + count)
        }
        for subscription in input.subscriptions {
            let customer = subscription.customerID
            let usage = SubscriptionMRR.usageRunRate(of: subscription, on: asOf, settings: settings)
            if !usage.isZero { add(customer, usage.currency.code, .usage, "", usage.minorUnits, 1) }
            if let churn = SubscriptionMRR.scheduledChurn(of: subscription, on: asOf, settings: settings) {
                add(customer, churn.currency.code, .churn, "", churn.minorUnits, 1)
            }
            if !subscription.productID.isEmpty {
                add(customer, subscription.currency.code, .price, Self.priceKey(subscription), 0, 1)
            }
        }
        var owedBy: [String: [Invoice]] = [:]
        for invoice in input.invoices where invoice.status.isCollectible {
            owedBy[invoice.customerID, default: []].append(invoice)
        }
        for (customer, invoices) in owedBy {
            let aging = AgingReport(invoices: invoices, asOf: asOf)
            for (currency, buckets) in aging.cells {
                for (bucket, cell) in buckets {
                    add(customer, currency.code, .aging, bucket.rawValue, cell.amount.minorUnits, cell.invoices)
                }
            }
        }
        for alert in computed.alerts {
            for amount in alert.customerMRR.amounts {
                add(alert.customerID, amount.currency.code, .risk, "", amount.minorUnits, 1)
            }
        }
        for (customer, byBasis) in computed.basisMasks?.masks ?? [:] {
            for (basis, mask) in byBasis { add(customer, "", .basis, basis.rawValue, Int64(bitPattern: mask), 1) }
        }
        rows = sums.map { id, sum in
            var row = id
            row.amount = sum.amount
            row.count = sum.count
            return row
        }
    }

    init(rows: [Row]) { self.rows = rows }

    /// A price's key: the product id first (the price book reads one product's prices as a key range), then
    /// price, interval count and unit, none of which can hold the separator.
    static func priceKey(_ s: Subscription) -> String {
        "\(s.productID)\u{1}\(s.productPrice.minorUnits)\u{1}\(s.interval.count)\u{1}\(s.interval.unit.rawValue)"
    }

    /// A price key read back: nil for a malformed one (never written by this code).
    static func price(fromKey key: String, currency: Currency)
        -> (productID: String, price: Money, interval: BillingInterval)?
    {
        let parts = key.split(separator: "\u{1}", omittingEmptySubsequences: false)
        guard parts.count >= 4, let minor = Int64(parts[parts.count - 3]), let count = Int(parts[parts.count - 2]),
            let unit = BillingInterval.Unit(rawValue: String(parts[parts.count - 1]))
        else { return nil }
        return (
            parts.dropLast(3).joined(separator: "\u{1}"), Money(minorUnits: minor, currency: currency),
            BillingInterval(count: count, unit: unit)
        )
    }
}
