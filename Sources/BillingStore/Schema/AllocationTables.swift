import GRDB

/// Each quantity component's allocation history as the provider keeps it (issue 21, migration
/// `v10-component-allocation`): evidence of seat changes before the first sync that the event log may no
/// longer hold.
enum AllocationTables {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                -- One allocation of one component of one subscription, as read from the provider's allocations
                -- listing. Rows are inserted once (a re-read adds nothing) and read by the history loader.
                CREATE TABLE component_allocation (
                    source_id INTEGER NOT NULL REFERENCES source(id),
                    subscription_remote_id TEXT NOT NULL,
                    component_id TEXT NOT NULL,
                    allocation_id INTEGER NOT NULL,
                    at INTEGER NOT NULL,              -- the provider's timestamp, seconds
                    quantity TEXT NOT NULL,           -- exact decimal text
                    previous_quantity TEXT NOT NULL,
                    price_point_id TEXT,
                    previous_price_point_id TEXT,
                    PRIMARY KEY (source_id, subscription_remote_id, component_id, allocation_id)
                ) WITHOUT ROWID;
                """)
    }
}
