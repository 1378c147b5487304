/// Where the metrics area appends its own migrations (it replaces `steps` in its own file by editing
/// this one line only: `static var steps: [StoreMigrations.Step] { MetricsMigrations.steps }`).
enum MetricsMigrationsHook {
    static var steps: [StoreMigrations.Step] { MetricsMigrations.steps }
}
