import ArgumentParser
import BillingCore
import BillingStore
import BillingSync
import BilltopApp
import Foundation
import Sandbox

/// `billtop-bench team-steady` (issue 18 point 4 at scale): a team at work on a big team store. Twenty first copies
/// of a 100k store cannot be made at once on a small machine (each is minutes of CPU, and on a team each viewer
/// makes its own on its own machine), so every viewer starts from a file copy of one viewer's copy, as a viewer
/// reopening its dashboard does, and catches up by the change log. Then: a burst of changes written alone and with
/// every viewer following (does any viewer slow the writer?), a change from commit to every viewer's pane, and
/// every viewer typing, all at once and at a person's pace, beside a writer committing every 100 ms.
/// Fills an empty team store from the sandbox first, and keeps the first copy at `--copy` for the next run.
struct BenchTeamSteadyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team-steady", abstract: "Benchmark: many viewers on a big team store.")

    @Option(help: "The team store: postgres://USER@HOST:PORT/DB (password in PGPASSWORD); filled when empty.")
    var store: String
    @Option(help: "A viewer's copy to start every viewer from; made (and kept) when missing.") var copy: String
    @Option(help: "Customers in the generated company, when the store is empty.") var customers = 100_000
    @Option(help: "Simulated viewers.") var viewers = 20
    @Option(help: "Single changes timed from commit to every viewer's pane.") var changes = 10
    @Option(help: "Customers each viewer types the name of, prefix by prefix.") var names = 10
    @Option(help: "Pages in each burst of changed customers.") var burstPages = 10
    @Option(help: "Records per page.") var pageSize = 200

    func say(_ line: String) {
        print(line)
        fflush(nil)
    }

    func seconds(_ since: Date) -> String { String(format: "%.1f s", Date().timeIntervalSince(since)) }

    func run() async throws {
        var url = try PostgresStoreURL.parse(store)
        if let password = ProcessInfo.processInfo.environment["PGPASSWORD"], !url.hasPassword {
            url = url.with(user: url.user, password: password)
        }
        let team = try await PostgresStore.open(url)
        try await fill(team)
        try await makeCopy(url: url)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bench-steady-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var followers: [BenchTeamViewer] = []
        for index in 0..<viewers {
            let directory = scratch.appendingPathComponent("viewer-\(index)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: copy, toPath: directory.appendingPathComponent("copy.sqlite").path)
            followers.append(try await BenchTeamViewer(url: url, directory: directory))
        }
        say("\(viewers) viewers, each from a file copy of \(copy); \(try await team.customerCount()) customers")

        let alone = try await burst(team, tag: "Alone")
        say("a burst of \(burstPages) pages x \(pageSize) changed customers, no viewer open: \(alone)")
        var started = Date()
        for follower in followers { follower.start() }
        let latest = try await team.latestChange()
        let caughtUp = await BenchTeamTimings.reached(followers, seq: latest, since: started)
        say("all \(viewers) opening at once, each catching up on that burst: \(caughtUp.summary)")

        var cpuBefore = ProcessMeter.cpuSeconds()
        started = Date()
        let following = try await burst(team, tag: "Followed")
        let last = try await team.latestChange()
        let behind = await BenchTeamTimings.reached(followers, seq: last, since: started)
        say("the same burst with all \(viewers) following: \(following)")
        say(
            "every viewer's pane after that burst, from its start: \(behind.summary); CPU \(String(format: "%.1f", ProcessMeter.cpuSeconds() - cpuBefore)) s"
        )

        let (commits, toScreen, _) = try await BenchTeamTimings.commitToScreen(
            team: team, followers: followers, count: changes, tag: "Steady")
        say("a change's commit on PostgreSQL: \(commits.summary)")
        say("commit to every viewer's pane read (\(viewers) viewers x \(changes) changes): \(toScreen.summary)")

        let prefixes = try await typedPrefixes(team)
        let writer = try await BenchTeamTimings.steadyWriter(team: team)
        cpuBefore = ProcessMeter.cpuSeconds()
        let pacedStart = Date()
        let paced = await BenchTeamTimings.typingPaced(
            followers: followers, prefixes: prefixes, interval: .milliseconds(250))
        say(
            "type-ahead, every viewer typing a key every 250 ms: \(paced.summary); the whole process meanwhile (writer and followers too) \(String(format: "%.2f", (ProcessMeter.cpuSeconds() - cpuBefore) / Date().timeIntervalSince(pacedStart))) cores"
        )
        let (rushed, rushedCPU) = await BenchTeamTimings.typingAtOnce(followers: followers, prefixes: prefixes)
        say(
            "type-ahead, every viewer typing as fast as answered, all at once: \(rushed.summary), CPU \(String(format: "%.2f", rushedCPU)) ms per key"
        )
        writer.cancel()
        say("the writer's commits meanwhile (one every 100 ms): \(await writer.value.summary)")
        say("peak memory of this process (writer and \(viewers) viewers): \(ProcessMeter.peakRSSMegabytes()) MB")
        for follower in followers { await follower.stop() }
        await team.close()
    }

    /// An empty team store gets the sandbox's company, synced by the fetcher alone.
    func fill(_ team: PostgresStore) async throws {
        guard try await team.customerCount() == 0 else { return }
        let config = SandboxConfiguration(seed: 1, customers: customers)
        let server = try await SandboxServer.start(config)
        let company = await server.world.company
        let source = SourceConfig(
            name: "bench", kind: .chargify, baseURL: server.baseURL, secret: config.chargifyAPIKey,
            pageSize: pageSize)
        let started = Date()
        let clock = ManualClock(now: Double(company.now.secondsSinceEpoch))
        let result = await (try SyncRunner(records: team, sources: [source], clock: clock)).runOnce(full: true)
        await server.stop()
        guard result.ok else { throw ValidationError("filling the team store failed: \(result.failures)") }
        say("filled the team store with \(company.customers.count) customers in \(seconds(started)), no viewer")
    }

    /// One viewer's first copy, alone, kept at `copy` (the figures computed, as the dashboard does).
    func makeCopy(url: PostgresStoreURL) async throws {
        guard !FileManager.default.fileExists(atPath: copy) else { return }
        let started = Date()
        let cpuBefore = ProcessMeter.cpuSeconds()
        let rows: Int
        do {
            let store = try BillingStore.open(path: copy)
            let reader = try await PostgresStore.openForReading(url)
            let round = try await TeamReplica(team: reader, copy: store, batch: 2_000).catchUp()
            let day = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).utcDate
            let refresher = AggregateRefresher(store: store)
            for source in round.changedSources { try refresher.refreshAggregates(sourceID: source, asOf: day) }
            await reader.close()
            rows = round.rows
        }  // the store closes here, so the file is whole to copy
        let bytes = (try? FileManager.default.attributesOfItem(atPath: copy)[.size] as? Int) ?? 0
        say(
            "a first copy, alone: \(rows) rows, figures ready in \(seconds(started)), CPU \(String(format: "%.1f", ProcessMeter.cpuSeconds() - cpuBefore)) s; the copy \(String(format: "%.1f", Double(bytes) / 1_048_576)) MB"
        )
    }

    /// `burstPages` commits of `pageSize` renamed customers each, as fast as the store takes them.
    func burst(_ team: PostgresStore, tag: String) async throws -> String {
        guard let source = try await team.sources().first else { throw ValidationError("the team store has no source") }
        let batch = try await team.customers(limit: burstPages * pageSize)
        let started = Date()
        var commits = BenchLatencies()
        for page in 0..<burstPages {
            let slice = batch.dropFirst(page * pageSize).prefix(pageSize)
            let incoming = slice.enumerated().map { index, stored in
                var customer = stored.value
                customer.organization = "\(tag) \(page)-\(index)"
                return Incoming(value: customer, raw: "{\"burst\":\"\(tag)\"}")
            }
            let before = Date()
            try await team.commit(PageWrite(sourceID: source.id, stream: "customers", customers: Array(incoming)))
            commits.samples.append(Date().timeIntervalSince(before) * 1_000)
        }
        let elapsed = Date().timeIntervalSince(started)
        return
            "\(String(format: "%.2f", elapsed)) s, \(Int(Double(burstPages * pageSize) / elapsed)) customers/s; a page's commit \(commits.summary)"
    }

    /// Last names spread over the store, typed prefix by prefix (up to five characters).
    func typedPrefixes(_ team: PostgresStore) async throws -> [String] {
        let listed = try await team.customers(limit: 5_000)
        guard !listed.isEmpty else { return [] }
        return (0..<names).flatMap { n -> [String] in
            let name = listed[(n * 487) % listed.count].value.lastName
            return (1...max(1, min(5, name.count))).map { String(name.prefix($0)) }
        }
    }
}
