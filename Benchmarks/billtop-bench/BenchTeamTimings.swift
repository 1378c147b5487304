import ArgumentParser
import BillingCore
import BillingStore
import BilltopApp
import Foundation

/// The timings `billtop-bench team` and `billtop-bench team-steady` share: a change from the writer's commit to
/// every viewer's pane read, and viewers typing on their copies while the writer keeps committing.
enum BenchTeamTimings {
    /// Renames `count` customers one commit at a time: each commit's time, and from its return to each viewer's
    /// pane read after its round. Returns the customers it renamed (as they were before).
    static func commitToScreen(
        team: PostgresStore, followers: [BenchTeamViewer], count: Int, tag: String
    ) async throws -> (commits: BenchLatencies, toScreen: BenchLatencies, customers: [Stored<Customer>]) {
        guard let source = try await team.sources().first else {
            throw ValidationError("the team store has no source")
        }
        let customers = try await team.customers(limit: count)
        var toScreen = BenchLatencies()
        var commits = BenchLatencies()
        for (index, stored) in customers.enumerated() {
            var customer = stored.value
            customer.firstName = "\(tag)\(index)"
            let page = PageWrite(
                sourceID: source.id, stream: "customers",
                customers: [Incoming(value: customer, raw: "{\"bench\":\(index)}")])
            let before = Date()
            try await team.commit(page)
            let committed = Date()
            commits.samples.append(committed.timeIntervalSince(before) * 1_000)
            let seq = try await team.latestChange()
            for follower in followers {
                if let at = await follower.reached(seq, timeout: 60) {
                    toScreen.samples.append(at.timeIntervalSince(committed) * 1_000)
                }
            }
        }
        return (commits, toScreen, customers)
    }

    /// From `since` to each viewer's first pane read at or past change `seq` (waiting up to `timeout` each).
    static func reached(_ followers: [BenchTeamViewer], seq: Int64, since: Date, timeout: TimeInterval = 1_800) async
        -> BenchLatencies
    {
        var latencies = BenchLatencies()
        for follower in followers {
            if let at = await follower.reached(seq, timeout: timeout) {
                latencies.samples.append(at.timeIntervalSince(since) * 1_000)
            }
        }
        return latencies
    }

    /// A writer committing one renamed customer every 100 ms until cancelled; its value is the commits' times.
    static func steadyWriter(team: PostgresStore) async throws -> Task<BenchLatencies, Never> {
        guard let source = try await team.sources().first else {
            throw ValidationError("the team store has no source")
        }
        let base = try await team.customers(limit: 50)
        return Task {
            var written = BenchLatencies()
            var index = 0
            while !Task.isCancelled {
                var customer = base[index % base.count].value
                customer.lastName += "x"
                let before = Date()
                try? await team.commit(
                    PageWrite(
                        sourceID: source.id, stream: "customers",
                        customers: [Incoming(value: customer, raw: "{\"typing\":\(index)}")]))
                written.samples.append(Date().timeIntervalSince(before) * 1_000)
                index += 1
                try? await Task.sleep(for: .milliseconds(100))
            }
            return written
        }
    }

    /// Every viewer types `prefixes` on its copy at once, each key as soon as the last answered (the worst case:
    /// every viewer's keys on the same cores at the same time). Returns each key's time and CPU per key.
    static func typingAtOnce(followers: [BenchTeamViewer], prefixes: [String]) async -> (BenchLatencies, Double) {
        let cpuBefore = ProcessMeter.cpuSeconds()
        let spent = await withTaskGroup(of: [Double].self) { group in
            for follower in followers {
                group.addTask {
                    prefixes.map { text in
                        let before = Date()
                        _ = try? follower.data.customers(CustomerQuery(text: text), offset: 0, limit: 40)
                        return Date().timeIntervalSince(before) * 1_000
                    }
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        let cpu = (ProcessMeter.cpuSeconds() - cpuBefore) * 1_000 / Double(max(1, spent.count))
        return (BenchLatencies(samples: spent), cpu)
    }

    /// Every viewer types `prefixes` at a person's pace, one key every `interval` (each viewer starting at its
    /// own offset), as a team at work does: each key's time from the key to the answer.
    static func typingPaced(
        followers: [BenchTeamViewer], prefixes: [String], interval: Duration
    ) async -> BenchLatencies {
        let spent = await withTaskGroup(of: [Double].self) { group in
            for (index, follower) in followers.enumerated() {
                group.addTask {
                    let offset = interval / followers.count * index
                    try? await Task.sleep(for: offset)
                    let clock = ContinuousClock()
                    var next = clock.now
                    var spent: [Double] = []
                    for text in prefixes {
                        try? await Task.sleep(until: next)
                        let before = Date()
                        _ = try? follower.data.customers(CustomerQuery(text: text), offset: 0, limit: 40)
                        spent.append(Date().timeIntervalSince(before) * 1_000)
                        next += interval
                    }
                    return spent
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        return BenchLatencies(samples: spent)
    }
}
