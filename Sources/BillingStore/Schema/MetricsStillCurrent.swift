import GRDB

/// For a migration step that leaves the metrics aggregates as they were: a refresh written under the step before
/// it is marked as written under it, so the first open after the upgrade does not recompute every source whole
/// (at 1M customers, minutes and gigabytes) only because a step was added. `AggregateRefresher.isStale` compares
/// `metrics_refresh.schema_steps` with the number of steps.
enum MetricsStillCurrent {
    static func carry(_ db: Database, through step: String) throws {
        guard let mine = StoreMigrations.all.firstIndex(where: { $0.name == step }) else { return }
        try db.execute(
            sql: "UPDATE metrics_refresh SET schema_steps = ? WHERE schema_steps = ?", arguments: [mine + 1, mine])
    }
}
