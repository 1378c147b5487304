import BillingCore
import BillingStore
import BilltopApp
import Foundation
import Synchronization

/// One simulated viewer of `billtop-bench team`: its own copy (a SQLite file), its own connection to the team
/// store, and the dashboard's real follower (`TeamCopyFollower`). After every round it reads the customers
/// pane's first window, as the screen would, and notes the change number it now has and when.
final class BenchTeamViewer: Sendable {
    let copy: BillingStore
    let data: StoreDashboardData
    let reader: PostgresStore
    /// What the follower reports to the screen; the bench prints its failures (a round that failed or stalled
    /// would otherwise only show as a viewer that never reaches a change).
    private let events = EventQueue()
    private let task: Mutex<Task<Void, Never>?> = Mutex(nil)
    /// (change number applied, when the pane read after it finished).
    private let rounds = Mutex<[(seq: Int64, at: Date)]>([])

    init(url: PostgresStoreURL, directory: URL) async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        copy = try BillingStore.open(path: directory.appendingPathComponent("copy.sqlite").path)
        reader = try await PostgresStore.openForReading(url)
        data = StoreDashboardData(store: copy)
    }

    /// Starts following the team store.
    func start() {
        let follower = TeamCopyFollower(
            replica: TeamReplica(team: reader, copy: copy, batch: 2_000), data: data, events: events,
            settings: .standard, clock: { Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)) })
        task.withLock {
            $0 = Task { [self] in
                await follower.run {
                    let seq = (try? self.copy.replicaState())?.appliedSeq ?? -1
                    _ = try? self.data.customers(CustomerQuery(), offset: 0, limit: 40)
                    self.rounds.withLock { $0.append((seq, Date())) }
                }
            }
        }
    }

    /// When the first round at or past `seq` finished, waiting up to `timeout`.
    func reached(_ seq: Int64, timeout: TimeInterval) async -> Date? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            for case .failed(let line) in events.drain() {
                print("a viewer's follower: \(line)")
                fflush(nil)
            }
            if let hit = rounds.withLock({ $0.first { $0.seq >= seq } }) { return hit.at }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return nil
    }

    func stop() async {
        task.withLock { $0?.cancel() }
        await reader.close()
    }
}

/// Percentiles of milliseconds, as the other benchmarks print them.
struct BenchLatencies {
    var samples: [Double] = []

    func at(_ q: Double) -> String {
        guard !samples.isEmpty else { return "-" }
        let sorted = samples.sorted()
        return String(format: "%.1f", sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * q))])
    }

    var summary: String { "p50 \(at(0.5)) ms, p99 \(at(0.99)) ms, max \(at(1.0)) ms (\(samples.count))" }
}
