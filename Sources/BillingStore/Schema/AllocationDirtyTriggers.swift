import GRDB

/// An allocation history row (issue 21) changes its subscription's MRR history, so it marks the
/// subscription's customer changed for the incremental refresh (issue 22), as the subscription, invoice and
/// event tables' triggers do (`IncrementalMetricsTables`): a seat change known only from the allocations
/// endpoint, arriving while the subscription row itself is unchanged, must still reach the aggregates.
enum AllocationDirtyTriggers {
    static func create(_ db: Database) throws {
        let owner = { (row: String) in
            "(SELECT customer_remote_id FROM subscription WHERE source_id = \(row).source_id AND remote_id = \(row).subscription_remote_id)"
        }
        let insert = IncrementalMetricsTables.mark(owner("NEW"), source: "NEW.source_id")
        let delete = IncrementalMetricsTables.mark(owner("OLD"), source: "OLD.source_id")
        try db.execute(
            sql:
                "CREATE TRIGGER dirty_on_component_allocation_insert AFTER INSERT ON component_allocation BEGIN \(insert) END"
        )
        try db.execute(
            sql:
                "CREATE TRIGGER dirty_on_component_allocation_update AFTER UPDATE ON component_allocation BEGIN \(insert)\n\(delete) END"
        )
        try db.execute(
            sql:
                "CREATE TRIGGER dirty_on_component_allocation_delete AFTER DELETE ON component_allocation BEGIN \(delete) END"
        )
    }
}
