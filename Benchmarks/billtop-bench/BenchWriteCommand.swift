import ArgumentParser
import BillingCore
import BillingStore
import Foundation

/// `billtop-bench write`: the store's write path alone. Commits synthetic first-sync pages (customers,
/// then invoices with lines and payments, each page with its checkpoint and seen-ids, as the fetcher
/// does) and prints how the commit time per page moves as the store grows. Prints numbers; asserts nothing.
struct BenchWriteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "write", abstract: "Benchmark: the store's write path.")

    @Option(help: "Customers to write (invoices follow: --invoices-per-customer each).") var customers = 10_000
    @Option(help: "Invoices per customer.") var invoicesPerCustomer = 10
    @Option(help: "Records per page (one transaction each).") var pageSize = 200
    @Option(help: "Progress lines over the invoice pages.") var steps = 10
    @Option(help: "Where to put the store (default: a temporary directory, removed at the end).") var db: String?
    @Flag(inversion: .prefixedNo, help: "Record seen ids, as a complete listing does.") var recordSeen = true
    @Flag(
        inversion: .prefixedNo,
        help:
            "Give each listing its seen floor, as the fetcher does (no: a seen-id for every row, as before session 4).")
    var seenFloor = true
    @Flag(
        help: "Re-create the three indexes migration v4-store-drop-unread-indexes dropped (to measure what they cost).")
    var unreadIndexes = false
    @Flag(
        help:
            "Write with the settings used outside a sync (2 MB cache, a checkpoint every 1,000 WAL frames) instead of a sync's."
    )
    var defaultWriter = false
    @Flag(help: "Defer the invoice sort indexes until the listing ends, as a first sync does.")
    var deferIndexes = false

    func validate() throws {
        guard customers > 0, invoicesPerCustomer >= 0, pageSize > 0, steps > 0 else {
            throw ValidationError(
                "--customers, --page-size and --steps must be positive, --invoices-per-customer not negative")
        }
    }

    func run() async throws {
        let bench = try BenchScratchStore(db: db)
        defer { bench.removeIfTemporary() }
        let (path, store, source) = (bench.path, bench.store, bench.source)
        // The fetcher's runs write with the sync settings (SyncRunner); so does this bench unless told not to.
        if !defaultWriter { store.beginSyncWrites() }
        defer { if !defaultWriter { store.endSyncWrites() } }
        if unreadIndexes {
            try store.createUnreadIndexes()
        }
        var pages = BenchWritePages(customers: customers, invoicesPerCustomer: invoicesPerCustomer, pageSize: pageSize)
        let cpuStarted = ProcessMeter.cpuSeconds()
        let started = Date()

        var state = try listingState("customers", table: .customer, store: store, source: source)
        var customerTimes: [Double] = []
        for start in stride(from: 0, to: customers, by: pageSize) {
            let rows = pages.customerPage(start..<min(start + pageSize, customers))
            state.page += 1
            state.recordsThisRun += rows.count
            let write = PageWrite(
                sourceID: source.id, stream: "customers", customers: rows, checkpoint: state, recordSeen: recordSeen,
                seenFloor: state.seenFloor)
            customerTimes.append(try await timed { try await store.commit(write) })
        }
        print(
            "customers: \(customers) in \(customerTimes.count) pages, \(Self.summary(customerTimes, rows: customers))")

        state = try listingState("invoices", table: .invoice, store: store, source: source)
        if deferIndexes { try store.deferIndexesForFirstListing(of: .invoice) }
        let total = pages.invoiceCount
        let pageCount = (total + pageSize - 1) / pageSize
        let perStep = max(1, (pageCount + steps - 1) / steps)
        var stepTimes: [Double] = []
        var allTimes: [Double] = []
        var stepRows = 0
        var stepStarted = Date()
        for (index, start) in stride(from: 0, to: total, by: pageSize).enumerated() {
            let rows = pages.invoicePage(start..<min(start + pageSize, total))
            state.page += 1
            state.recordsThisRun += rows.count
            let write = PageWrite(
                sourceID: source.id, stream: "invoices", invoices: rows, checkpoint: state, recordSeen: recordSeen,
                seenFloor: state.seenFloor)
            let seconds = try await timed { try await store.commit(write) }
            stepTimes.append(seconds)
            allTimes.append(seconds)
            stepRows += rows.count
            if (index + 1) % perStep == 0 || index + 1 == pageCount {
                let wall = Date().timeIntervalSince(stepStarted)
                print(
                    "  invoices \(start + rows.count) stored: \(Self.summary(stepTimes, rows: stepRows)), \(Int(Double(stepRows) / wall)) rows/s wall incl. page building"
                )
                fflush(nil)
                stepTimes = []
                stepRows = 0
                stepStarted = Date()
            }
        }
        if deferIndexes {
            let built = Date()
            try store.rebuildDeferredIndexes(of: .invoice)
            print(String(format: "deferred sort indexes built in %.1f s", Date().timeIntervalSince(built)))
        }
        let elapsed = Date().timeIntervalSince(started)
        let cpu = ProcessMeter.cpuSeconds() - cpuStarted
        let records = customers + total
        print("invoices: \(total) in \(pageCount) pages, \(Self.summary(allTimes, rows: total))")
        print(
            String(
                format:
                    "total: %d records in %.1f s wall (%d records/s), %.1f s CPU; commits alone %.1f s (%d records/s)",
                records, elapsed, Int(Double(records) / elapsed), cpu, (customerTimes + allTimes).reduce(0, +),
                Int(Double(records) / max((customerTimes + allTimes).reduce(0, +), 0.001))))
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let seenRows = try store.seenIDRows()
        print("sync_seen rows: \(seenRows)")
        print(
            "store: \(size / 1_048_576) MB; peak RSS \(ProcessMeter.peakRSSMegabytes()) MB; integrity \(try store.integrityCheck())"
        )
    }

    /// The state of a complete listing's start, with the seen floor the fetcher would take (unless --no-seen-floor).
    func listingState(_ stream: String, table: Tombstone.Table, store: BillingStore, source: SourceInfo) throws
        -> StreamState
    {
        var state = StreamState()
        state.fullListing = true
        if seenFloor {
            state.seenFloor = try store.beginCompleteListing(sourceID: source.id, stream: stream, table: table)
        }
        return state
    }

    func timed(_ body: () async throws -> Void) async throws -> Double {
        let t = Date()
        try await body()
        return Date().timeIntervalSince(t)
    }

    /// "p50 x ms, mean y ms, max z ms per page, N rows/s" for commit times in seconds.
    static func summary(_ times: [Double], rows: Int) -> String {
        guard !times.isEmpty else { return "no pages" }
        let sorted = times.sorted()
        let sum = times.reduce(0, +)
        return String(
            format: "commit p50 %.1f ms, mean %.1f ms, max %.1f ms per page, %d rows/s committing",
            sorted[sorted.count / 2] * 1000, sum / Double(times.count) * 1000, sorted.last! * 1000,
            Int(Double(rows) / max(sum, 0.000_001)))
    }
}
