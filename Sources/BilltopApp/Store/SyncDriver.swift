import BillingSync
import Synchronization

/// Runs the fetcher in the background for the dashboard: each schedule syncs now, then again every
/// `interval` seconds or as soon as the user presses `r`, never two runs of one schedule at once.
///
/// A schedule names one source (so each configured source keeps its own interval, and a slow or failing
/// source does not hold the others back) or, with a nil name, every source together (the demo).
public final class SyncDriver: Sendable {
    /// One background loop: a source (nil: all) and the seconds between its runs.
    public struct Schedule: Sendable, Equatable {
        public var sourceName: String?
        public var interval: Double

        public init(sourceName: String?, interval: Double) {
            self.sourceName = sourceName
            self.interval = interval
        }
    }

    private let runner: SyncRunner
    public let schedules: [Schedule]
    private let requested: Mutex<[Bool]>
    private let runs = Atomic<Int>(0)

    /// Every source of `runner` together, every `interval` seconds.
    public convenience init(runner: SyncRunner, interval: Double) {
        self.init(runner: runner, schedules: [Schedule(sourceName: nil, interval: interval)])
    }

    public init(runner: SyncRunner, schedules: [Schedule]) {
        self.runner = runner
        self.schedules = schedules
        requested = Mutex(Array(repeating: false, count: schedules.count))
    }

    /// One schedule per source, at the source's configured interval (at least one second).
    public static func schedules(for sources: [SourceConfig]) -> [Schedule] {
        sources.map { Schedule(sourceName: $0.name, interval: Double(max(1, $0.intervalSeconds))) }
    }

    /// Asks every schedule for a run as soon as its current one (if any) ends.
    public func requestSync() { requested.withLock { flags in flags = flags.map { _ in true } } }

    /// Runs started so far (all schedules).
    public var runsStarted: Int { runs.load(ordering: .relaxed) }

    /// Syncs until the task is cancelled.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            for index in schedules.indices {
                group.addTask { await self.loop(index) }
            }
        }
    }

    private func loop(_ index: Int) async {
        let schedule = schedules[index]
        while !Task.isCancelled {
            requested.withLock { $0[index] = false }
            runs.add(1, ordering: .relaxed)
            _ = await runner.runOnce(sourceName: schedule.sourceName)
            var waited = 0.0
            while waited < schedule.interval, !Task.isCancelled, !requested.withLock({ $0[index] }) {
                try? await Task.sleep(for: .milliseconds(200))
                waited += 0.2
            }
        }
    }
}
