import ArgumentParser
import BillingCore
import BillingStore
import BillingSync
import Foundation

/// What `billtop mrr` and `billtop dunning` share: opening the store and choosing sources.
enum MetricsCommandSupport {
    /// What `mrr` and `dunning` both start from: the day, the settings (config, then flags), the sources to
    /// report, and a metrics reader whose aggregates were refreshed for each source if they were stale.
    /// `recompute` recomputes every source from all its records even when its aggregates are fresh.
    static func prepare(
        store storeChoice: String? = nil, db: String?, source: String?, asOf: String?, unpaidCountsInMRR: Bool,
        recompute: Bool = false
    ) async throws -> (day: LocalDate, metrics: MetricsStore, sources: [SourceInfo]) {
        let day = self.day(asOf)
        var settings = try self.settings()
        if unpaidCountsInMRR { settings.unpaidCountsInMRR = true }
        let (store, sources) = try await openSources(store: storeChoice, db: db, source: source)
        let refresher = AggregateRefresher(store: store, settings: settings)
        var cannotSave = false
        for info in sources where try recompute || refresher.isStale(sourceID: info.id, asOf: day) {
            // Seconds at 100k customers: say why the answer is not instant, where a person is watching.
            if isatty(STDERR_FILENO) == 1 {
                FileHandle.standardError.write(
                    Data("computing the metrics of \(TextSanitizer.clean(info.name)) from its synced data…\n".utf8))
            }
            guard !store.isReadOnly else {
                cannotSave = true
                break
            }
            // A file SQLite opened read-only without a word (a read-only file in a writable directory)
            // refuses only here, with SQLITE_READONLY.
            do {
                if recompute {
                    try refresher.recomputeAggregates(sourceID: info.id, asOf: day)
                } else {
                    try refresher.refreshAggregates(sourceID: info.id, asOf: day)
                }
            } catch
                where StoreOpenError.isReadOnly(error)
            {
                cannotSave = true
                break
            }
        }
        guard cannotSave else { return (day, MetricsStore(store: store, settings: settings), sources) }
        // The figures are today's all the same: computed from the records into memory, and not kept.
        let aggregates = try refresher.computeInMemory(sourceIDs: sources.map(\.id), asOf: day)
        FileHandle.standardError.write(
            Data(
                "note: the store at \(TextSanitizer.clean(store.path)) is read-only, so these figures were computed from its records and not saved (make it writable to keep them)\n"
                    .utf8))
        return (day, MetricsStore(store: store, settings: settings, aggregates: aggregates), sources)
    }

    /// The `[metrics]` settings from config.toml (defaults when there is no config file).
    static func settings() throws -> MetricsSettings {
        // A ConfigError is already one line naming file, line and key.
        try ConfigLoader.loadMetricsSettings(path: ConfigLoader.defaultPath())
    }

    /// Opens the store at `db` (or the default path) and returns the sources to report on.
    /// A team store's copy is caught up first (`TeamCopy`).
    static func openSources(store choice: String? = nil, db: String?, source: String?) async throws
        -> (BillingStore, [SourceInfo])
    {
        let store: BillingStore
        switch try StoreChoice.resolve(store: choice, db: db) {
        case .postgres(let url, _):
            store = try await TeamCopy.caughtUp(url)
        case .sqlite(let path):
            guard FileManager.default.fileExists(atPath: path) else {
                throw CommandFailure(
                    "no store at \(TextSanitizer.clean(path)): run `billtop sync` first, or pass --db PATH",
                    status: .store)
            }
            store = try CommandStore.openForReading(path: path)
        }
        var sources = try store.sources()
        if let source {
            sources = sources.filter { $0.name == source }
            guard !sources.isEmpty else {
                throw CommandFailure(
                    "no source named '\(TextSanitizer.clean(source))' in the store: see `billtop config check`",
                    status: .config)
            }
        }
        guard !sources.isEmpty else {
            throw CommandFailure("the store has no sources yet: run `billtop sync` first", status: .store)
        }
        return (store, sources)
    }

    /// A ratio for JSON: exact numerator/denominator plus a rounded percent string; null when undefined.
    static func ratio(_ ratio: ExactRatio?) -> Any {
        guard let ratio else { return NSNull() }
        return [
            "numerator": ratio.numerator, "denominator": ratio.denominator, "percent": ratio.percentString(decimals: 2),
        ]
    }

    /// Parses `--as-of`, or today in UTC.
    static func day(_ text: String?) -> LocalDate {
        text.flatMap(LocalDate.init(iso:)) ?? Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).utcDate
    }

    /// Validates `--as-of` with a one-line error that says what to type.
    static func validateDay(_ text: String?, option: String = "--as-of") throws {
        if let text, text.count != 10 || LocalDate(iso: text) == nil {
            throw ValidationError(
                "\(option) '\(TextSanitizer.clean(text))' is not a date: use YYYY-MM-DD, e.g. 2026-06-20")
        }
    }
}
