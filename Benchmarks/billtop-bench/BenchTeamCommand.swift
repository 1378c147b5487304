import ArgumentParser
import BillingCore
import BillingStore
import BillingSync
import BilltopApp
import Foundation
import Sandbox

/// `billtop-bench team` (issue 18 point 4): the fetcher writes the team store from an in-process sandbox while
/// simulated viewers (each with its own copy and connection, the dashboard's real follower) copy it, then
/// single changes are timed from the writer's commit to each viewer's pane read, then every viewer types while
/// the writer keeps committing. Beside it, the same sync into SQLite and SQLite's commit-to-screen with one
/// viewer. Prints numbers; asserts nothing. Needs an empty database it may fill (password in PGPASSWORD).
struct BenchTeamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "team", abstract: "Benchmark: team mode.")

    @Option(help: "An empty team store to fill: postgres://USER@HOST:PORT/DB (password in PGPASSWORD).")
    var store: String
    @Option(help: "Customers in the generated company (about 10 invoices each).") var customers = 2_000
    @Option(help: "Simulated viewers.") var viewers = 20
    @Option(help: "Single changes timed from commit to every viewer's pane.") var changes = 20
    @Option(help: "Customers each viewer types the name of, prefix by prefix.") var names = 10
    @Option(help: "Records per page.") var pageSize = 200

    /// Each figure as it is measured: a run at scale takes minutes.
    func say(_ line: String) {
        print(line)
        fflush(nil)
    }

    func run() async throws {
        var url = try PostgresStoreURL.parse(store)
        if let password = ProcessInfo.processInfo.environment["PGPASSWORD"], !url.hasPassword {
            url = url.with(user: url.user, password: password)
        }
        let config = SandboxConfiguration(seed: 1, customers: customers)
        let server = try await SandboxServer.start(config)
        defer { Task { await server.stop() } }
        let company = await server.world.company
        let records =
            company.customers.count + company.subscriptions.count + company.invoices.count + company.events.count
        say("sandbox: \(company.customers.count) customers, \(records) records; \(viewers) viewers")
        let team = try await PostgresStore.open(url)
        guard try await team.customerCount() == 0 else {
            throw ValidationError("\(url) already holds customers: point --store at an empty database")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bench-team-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let source = SourceConfig(
            name: "bench", kind: .chargify, baseURL: server.baseURL, secret: config.chargifyAPIKey,
            pageSize: pageSize)

        // The same sync into SQLite, alone: the rate a single user's fetcher has.
        let sqlite = try BillingStore.open(path: scratch.appendingPathComponent("single.sqlite").path)
        let clock = ManualClock(now: Double(company.now.secondsSinceEpoch))
        var started = Date()
        let single = await (try SyncRunner(store: sqlite, sources: [source], clock: clock)).runOnce(full: true)
        let sqliteSeconds = Date().timeIntervalSince(started)
        say(
            "full sync into SQLite (no viewer): \(single.ok ? "ok" : "FAILED"), \(String(format: "%.1f", sqliteSeconds)) s, \(Int(Double(records) / sqliteSeconds)) records/s"
        )

        var followers: [BenchTeamViewer] = []
        for index in 0..<viewers {
            followers.append(
                try await BenchTeamViewer(url: url, directory: scratch.appendingPathComponent("viewer-\(index)")))
        }
        for follower in followers { follower.start() }
        let cpuBefore = ProcessMeter.cpuSeconds()
        started = Date()
        let full = await (try await SyncRunner(records: team, sources: [source], clock: clock)).runOnce(full: true)
        let teamSeconds = Date().timeIntervalSince(started)
        say(
            "full sync into PostgreSQL while \(viewers) viewers copy it: \(full.ok ? "ok" : "FAILED \(full.failures)"), \(String(format: "%.1f", teamSeconds)) s, \(Int(Double(records) / teamSeconds)) records/s (\(String(format: "%.2f", teamSeconds / sqliteSeconds))x SQLite's time)"
        )
        let synced = try await team.latestChange()
        let copied = await BenchTeamTimings.reached(followers, seq: synced, since: started)
        say(
            "every viewer's copy complete after the sync began: \(copied.summary); CPU so far \(String(format: "%.1f", ProcessMeter.cpuSeconds() - cpuBefore)) s"
        )

        try await timeChanges(team: team, followers: followers, sqlite: sqlite)
        try await timeTyping(team: team, followers: followers, company: company)
        try await timeFirstCopy(url: url, directory: scratch.appendingPathComponent("newcomer"), records: records)
        say("peak memory of this process (sandbox, writer, \(viewers) viewers): \(ProcessMeter.peakRSSMegabytes()) MB")
        for follower in followers { await follower.stop() }
        await team.close()
    }

    /// A viewer opening the team store for the first time, alone: the whole copy, then its figures.
    func timeFirstCopy(url: PostgresStoreURL, directory: URL, records: Int) async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let copy = try BillingStore.open(path: directory.appendingPathComponent("copy.sqlite").path)
        let reader = try await PostgresStore.openForReading(url)
        let cpuBefore = ProcessMeter.cpuSeconds()
        let started = Date()
        let round = try await TeamReplica(team: reader, copy: copy, batch: 2_000).catchUp()
        let copied = Date().timeIntervalSince(started)
        let refresher = AggregateRefresher(store: copy)
        let day = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).utcDate
        for source in round.changedSources { try refresher.refreshAggregates(sourceID: source, asOf: day) }
        let total = Date().timeIntervalSince(started)
        say(
            "a newcomer's first copy, alone: \(round.rows) rows in \(String(format: "%.1f", copied)) s (\(Int(Double(round.rows) / copied)) rows/s), figures computed \(String(format: "%.1f", total)) s after it began, CPU \(String(format: "%.1f", ProcessMeter.cpuSeconds() - cpuBefore)) s; \(records) records in the sandbox"
        )
        await reader.close()
    }

    /// One customer renamed and committed at a time: from the commit's return to each viewer's pane read after
    /// its round, and the same on SQLite with the dashboard's in-process fetcher.
    func timeChanges(team: PostgresStore, followers: [BenchTeamViewer], sqlite: BillingStore) async throws {
        let (commits, toScreen, customers) = try await BenchTeamTimings.commitToScreen(
            team: team, followers: followers, count: changes, tag: "Changed")
        say("a change's commit on PostgreSQL: \(commits.summary)")
        say(
            "commit to every viewer's pane read (\(followers.count) viewers x \(customers.count) changes): \(toScreen.summary)"
        )

        var sqliteScreen = BenchLatencies()
        guard let local = try sqlite.sources().first else { throw ValidationError("the SQLite store has no source") }
        // The dashboard's own fetcher commits in its process: the store's observation sees it at once.
        let watched = sqlite.changes(pollInterval: .milliseconds(500))
        var iterator = watched.makeAsyncIterator()
        let data = StoreDashboardData(store: sqlite)
        for (index, stored) in customers.prefix(5).enumerated() {
            var customer = stored.value
            customer.firstName = "Single\(index)"
            try await sqlite.commit(
                PageWrite(
                    sourceID: local.id, stream: "customers",
                    customers: [Incoming(value: customer, raw: "{\"single\":\(index)}")]))
            let committed = Date()
            _ = await iterator.next()
            _ = try data.customers(CustomerQuery(), offset: 0, limit: 40)
            sqliteScreen.samples.append(Date().timeIntervalSince(committed) * 1_000)
        }
        say("SQLite, one viewer (the dashboard with its own fetcher), commit to pane read: \(sqliteScreen.summary)")
    }

    /// Every viewer types last names prefix by prefix at once, on its copy and then on the team store's own
    /// search (`billtop customers --store`), while the writer commits a change every 100 ms.
    func timeTyping(team: PostgresStore, followers: [BenchTeamViewer], company: Company) async throws {
        let writer = try await BenchTeamTimings.steadyWriter(team: team)
        let prefixes = (0..<names).flatMap { n -> [String] in
            let name = company.customers[(n * 37) % company.customers.count].lastName
            return (1...min(5, name.count)).map { String(name.prefix($0)) }
        }
        let (local, localCPU) = await BenchTeamTimings.typingAtOnce(followers: followers, prefixes: prefixes)
        say(
            "type-ahead on the viewers' copies, all at once: \(local.summary), CPU \(String(format: "%.2f", localCPU)) ms per key"
        )
        let remote = await withTaskGroup(of: [Double].self) { group in
            for follower in followers {
                group.addTask {
                    var spent: [Double] = []
                    for text in prefixes {
                        let before = Date()
                        _ = try? await follower.reader.searchCustomers(query: text, limit: 50)
                        spent.append(Date().timeIntervalSince(before) * 1_000)
                    }
                    return spent
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        say(
            "the team store's own search (billtop customers --store), all at once: \(BenchLatencies(samples: remote).summary)"
        )
        writer.cancel()
        say("the writer's commits meanwhile (one every 100 ms): \(await writer.value.summary)")
    }
}
