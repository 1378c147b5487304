import GRDB

/// How many subscriptions each product has at each price, per currency (migration `v11-price-counts`, issue 22):
/// the price book's "usual price" check of an incremental refresh reads the few prices of the products the
/// changed customers touch here, where it summed every customer's price part of those products (28% of a
/// 100-customer refresh at 100k customers). Kept by the refresh: written whole with a recompute and moved by
/// the changed customers' new parts minus their old ones (`ShareTotalsDifference`).
enum PriceCountTables {
    static func create(_ db: Database) throws {
        // Empty until the next refresh, which recomputes the whole source after any migration.
        try db.execute(
            sql: """
                CREATE TABLE metrics_price_count (
                    source_id INTEGER NOT NULL,
                    key TEXT NOT NULL,               -- MetricsShares.priceKey: product id first
                    currency TEXT NOT NULL,
                    subscriptions INTEGER NOT NULL,
                    PRIMARY KEY (source_id, key, currency)
                ) WITHOUT ROWID;
                -- Read only by the price book this table replaces.
                DROP INDEX metrics_customer_share_prices;
                """)
    }
}
