import ArgumentParser
import BillingCore
import BillingStore
import BillingSync
import BilltopApp
import CursesTerminal
import Dispatch
import Foundation
import Logging
import Sandbox
import TUIKit

#if canImport(CDispatch)
    // On Linux `stat` and `timespec` resolve to CDispatch's copies of the C types, whose members need its module.
    import CDispatch
#endif

/// `billtop-bench tui`: the dashboard on a large store. Prints time to the first full frame, keystroke to
/// flushed frame for search and scrolling, bytes written for a one-row move on 200x50, and memory.
struct BenchTUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tui", abstract: "Benchmark: tui.")

    @Option(help: "Customers in the generated sandbox company (when no --db is given).")
    var customers = 100_000

    @Option(help: "Use an existing store instead of syncing a generated company into a temporary one.")
    var db: String?

    @Option(help: "Write the bytes of the last one-row selection move to this file (to see what curses sends).")
    var dumpMove: String?

    @Option(help: "Texts typed per kind of search (first names, last names, emails, organisations, invoice numbers).")
    var searchSamples = 10

    @Flag(help: "Search by the plan before issue 22 point 3 (walk the index to rare matches, count every key afresh).")
    var walkOnlySearch = false

    func run() async throws {
        let clock = ContinuousClock()
        let store: BillingStore
        var scratch: URL?
        defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } }
        if let db {
            let opening = clock.now
            store = try BillingStore.open(path: db)
            print("store opened (migrations checked) in \(ms(clock.now - opening)) ms")
        } else {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("billtop-bench-tui-\(getpid())")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            scratch = dir
            store = try BillingStore.open(path: dir.appendingPathComponent("bench.sqlite").path)
            let started = clock.now
            let server = try await SandboxServer.start(SandboxConfiguration(customers: customers))
            let source = SourceConfig(name: "bench", kind: .chargify, baseURL: server.baseURL, secret: "sandbox")
            let quiet = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
            let result = try await SyncRunner(store: store, sources: [source], logger: quiet).runOnce()
            await server.stop()
            print("store: \(customers) customers synced in \(ms(clock.now - started)) ms (ok: \(result.ok))")
        }
        let asOf = SandboxConfiguration.defaultNow.utcDate
        // Curses writes into a file we can measure; ncurses takes the size from LINES/COLUMNS.
        setenv("LINES", "50", 1)
        setenv("COLUMNS", "200", 1)
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("billtop-bench-tui-\(getpid()).out")
            .path
        let out = open(outPath, O_CREAT | O_TRUNC | O_WRONLY, 0o600)
        let input = open("/dev/null", O_RDONLY)
        defer { unlink(outPath) }
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        let terminal = try CursesTerminal(environment: environment, input: input, output: out, mouse: false)
        defer { terminal.teardown() }
        let now = SandboxConfiguration.defaultNow

        // What a startup does (DashboardCommand.show): the first frame reads the aggregates as the last refresh
        // left them while the refresher recomputes stale ones on another thread, then redraws.
        let data = StoreDashboardData(
            store: store, referenceSearch: false, searchLimits: walkOnlySearch ? .walkOnly : .standard)
        let rebuild: @Sendable () throws -> Bool = { try data.refresh(asOf: asOf) }
        data.deferFirstRefresh()
        let timedData = TimedDashboardData(data)
        let loop = DashboardLoop(
            data: timedData, terminal: terminal, clock: { now }, exportDirectory: "/tmp", asOf: asOf)
        var t = clock.now
        let background = BackgroundRefresh(rebuild)
        try loop.step(settle: true)
        let firstFrame = ms(clock.now - t)
        let firstCalls = timedData.take()
        let snapshotMs = try background.wait()
        let refreshedAt = ms(clock.now - t)
        loop.events.post(.storeChanged)
        let redraw = clock.now
        try loop.step(settle: true)
        print(
            "first full frame (\(terminal.size.width)x\(terminal.size.height)) from opening the store: \(firstFrame) ms, drawn while the aggregates refresh; refresh \(snapshotMs) ms on its own thread (refreshed frame at \(ms(clock.now - t)) ms; its redraw \(ms(clock.now - redraw)) ms; waited until \(refreshedAt) ms)"
        )
        let listed = { (calls: [(name: String, ms: Double)]) in
            calls.map { "\($0.name) \($0.ms) ms" }.joined(separator: ", ")
        }
        print(
            "the first frame waited for (one worker, in order): \(listed(firstCalls)); its redraw: \(listed(timedData.take()))"
        )
        let (startRSS, _) = memory()
        t = clock.now
        let invoiceCount = try data.invoices(InvoiceQuery(asOf: asOf), offset: 0, limit: 1).page.total
        let customerCount = try data.customers(CustomerQuery(), offset: 0, limit: 1).total
        let countMs = ms(clock.now - t)
        print(
            "read model (store queries + aggregates): \(customerCount) customers, \(invoiceCount) invoices; refresh \(snapshotMs) ms, first counts \(countMs) ms, RSS after refresh \(startRSS / 1024) MB"
        )
        t = clock.now
        _ = try rebuild()
        print("rebuild after a sync commit (no aggregate change): \(ms(clock.now - t)) ms")

        // What the first frame asks of the read model, call by call (each once more after the frame is warm).
        var parts: [String] = []
        func part(_ name: String, _ body: () throws -> Void) rethrows {
            let start = clock.now
            try body()
            parts.append("\(name) \(ms(clock.now - start)) ms")
        }
        try part("customers") { _ = try data.customers(CustomerQuery(), offset: 0, limit: 150) }
        try part("invoices") { _ = try data.invoices(InvoiceQuery(asOf: asOf), offset: 0, limit: 150) }
        try part("dunning") { _ = try data.dunning(asOf: asOf, limit: Reducer.alertLimit) }
        // A dashboard that has decoded no alert yet (its first load), with the store's pages warm.
        try part("dunning decoding every alert") {
            _ = try StoreDashboardData(store: store).dunning(asOf: asOf, limit: Reducer.alertLimit)
        }
        try part("mrr") { _ = try data.mrr(asOf: asOf) }
        try part("sync status") { _ = try data.syncStatus() }
        print("read model calls of a first frame: \(parts.joined(separator: ", "))")

        func timed(_ keys: [KeyEvent]) throws -> [Double] {
            var samples: [Double] = []
            for key in keys {
                let start = clock.now
                loop.handle(key)
                try loop.step(settle: true)
                samples.append(ms(clock.now - start))
            }
            return samples
        }
        let scroll = try timed(Array(repeating: .char("j"), count: 200))
        print("scroll keystroke -> flushed frame: \(summary(scroll))")
        // Sorting the customers by each column (name -> mrr -> state -> overdue -> name): one index walk each.
        let sorts = try timed(Array(repeating: .char("s"), count: 4))
        print(
            "customer sort keystroke -> flushed frame (mrr, state, overdue, name): \(sorts.map { "\($0) ms" }.joined(separator: ", "))"
        )
        // Type the names of customers spread over the list, letter by letter, as someone searching would.
        var names: [String] = []
        let all = try data.customers(CustomerQuery(), offset: 0, limit: 1).total
        for k in 1...5 {
            if let row = try data.customers(CustomerQuery(), offset: all * k / 6, limit: 1).rows.first {
                names.append(row.name)
            }
        }
        loop.handle(.char("/"))
        try loop.step(settle: true)
        var search: [Double] = []
        var slowest = (0.0, "")
        var found: [Int] = []
        for name in names {
            var typed = ""
            for character in name.lowercased() {
                typed.append(character)
                let sample = try timed([.char(character)])
                search += sample
                if sample[0] > slowest.0 { slowest = (sample[0], typed) }
            }
            found.append(loop.state.customers.total)
            search += try timed([.ctrl("u")])
        }
        print(
            "search keystroke -> flushed frame, typing \(names.count) customers' names: \(summary(search)); slowest after typing '\(slowest.1)'; full names found \(found) rows"
        )
        let kinds = try BenchTUISearchKinds.kinds(data, asOf: asOf, perKind: searchSamples)
        for kind in kinds {
            let samples = try BenchTUISearchKinds.type(kind) { key in
                loop.handle(key)
                try loop.step(settle: true)
            }
            print("search keystroke -> flushed frame, \(kind.name): \(BenchTUISearchKinds.summary(samples))")
        }
        loop.handle(.escape)
        try loop.step(settle: true)
        loop.handle(.char("2"))
        try loop.step(settle: true)
        let invoiceScroll = try timed(Array(repeating: .char("j"), count: 100))
        print("invoice scroll keystroke -> flushed frame: \(summary(invoiceScroll))")
        // Scrolling by one row at the bottom of the list (every visible row shifts: curses rewrites the changed
        // characters of each), then moving the selection within the visible rows (two rows change).
        var scrollBytes: [Int] = []
        for _ in 0..<10 {
            let before = fileSize(out)
            loop.handle(.char("j"))
            try loop.step(settle: true)
            scrollBytes.append(fileSize(out) - before)
        }
        print(
            "bytes written per one-row scroll (selection on the last visible row) on 200x50: \(scrollBytes.sorted()[scrollBytes.count / 2]) (max \(scrollBytes.max() ?? 0))"
        )
        loop.handle(.home)
        try loop.step(settle: true)
        var bytes: [Int] = []
        for _ in 0..<10 {
            let before = fileSize(out)
            loop.handle(.char("j"))
            try loop.step(settle: true)
            bytes.append(fileSize(out) - before)
            if let dumpMove, let all = FileManager.default.contents(atPath: outPath) {
                guard FileManager.default.createFile(atPath: dumpMove, contents: all.suffix(from: before)) else {
                    throw ValidationError("cannot write \(dumpMove): check the directory exists and is writable")
                }
            }
        }
        print(
            "bytes written per one-row selection move on 200x50: \(bytes.sorted()[bytes.count / 2]) (max \(bytes.max() ?? 0))"
        )
        // After the byte counts (they need the default view): invoices by customer name (sort: attention ->
        // number -> customer), scrolled, then back to attention.
        let toCustomer = try timed([.char("s"), .char("s")])
        let customerScroll = try timed(Array(repeating: .char("j"), count: 40))
        _ = try timed(Array(repeating: .char("s"), count: 5))
        print(
            "invoices sorted by customer name: sort keystroke -> flushed frame \(toCustomer[1]) ms; scroll \(summary(customerScroll))"
        )
        // Date ranges without a customer (d: last 30 days, last 90, this month, this year, back to any).
        let ranges = try timed(Array(repeating: .char("d"), count: 5))
        print(
            "invoice date range keystroke -> flushed frame (30d, 90d, month, year, any): \(ranges.map { "\($0) ms" }.joined(separator: ", "))"
        )
        let (rss, peak) = memory()
        print("resident memory: \(rss / 1024) MB now, \(peak / 1024) MB peak")
    }

    func ms(_ d: Duration) -> Double {
        let (s, a) = d.components
        return (Double(s) * 1000 + Double(a) / 1e15).rounded(toPlaces: 2)
    }

    func summary(_ samples: [Double]) -> String {
        let sorted = samples.sorted()
        let p50 = sorted[sorted.count / 2], p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
        return "p50 \(p50) ms, p99 \(p99) ms, max \(sorted.last ?? 0) ms (\(samples.count) keys)"
    }

    func fileSize(_ fd: Int32) -> Int {
        var st = stat()
        fstat(fd, &st)
        return Int(st.st_size)
    }

    /// VmRSS and VmHWM from /proc/self/status, in kB.
    func memory() -> (Int, Int) {
        let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func value(_ key: String) -> Int {
            text.split(separator: "\n").first { $0.hasPrefix(key) }.flatMap {
                Int($0.split(separator: " ").dropFirst().first { !$0.isEmpty }.map(String.init) ?? "")
            } ?? 0
        }
        return (value("VmRSS:"), value("VmHWM:"))
    }
}

extension Double {
    fileprivate func rounded(toPlaces places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (self * scale).rounded() / scale
    }
}
