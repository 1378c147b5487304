import ArgumentParser
import BillingCore
import BillingStore
import BilltopApp
import Foundation

#if canImport(CDispatch)
    // On Linux `timespec` resolves to CDispatch's copy of the C type, whose members need its module imported.
    import CDispatch
#endif

/// `billtop-bench search --db FILE`: the type-ahead searches on an existing store (at 100k, the metrics
/// bench's store): `billtop customers QUERY` (BillingStore's search) and the dashboard's customers search, per
/// query, with the reference plan beside it. Prints numbers; asserts nothing.
struct BenchSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Benchmark: search.")

    @Option(help: "The store to search (it is opened, so an older one is migrated first).") var db: String
    @Option(help: "Queries to time per set.") var queries = 2_000
    @Option(help: "Seed of the query draw.") var seed: UInt64 = 1

    func run() async throws {
        guard FileManager.default.fileExists(atPath: db) else {
            throw ValidationError(
                "no store at \(db); pass the path of an existing store (e.g. the one `bench metrics` makes)")
        }
        let store = try BillingStore.open(path: db)
        var customers: [Customer] = []
        var cursor: PageCursor?
        repeat {
            let page = try store.customers(after: cursor, limit: 5_000)
            customers += page.items.map(\.value)
            cursor = page.next
        } while cursor != nil
        guard !customers.isEmpty else { throw ValidationError("the store at \(db) has no customers; sync one first") }
        print("store: \(customers.count) customers")
        var random = SplitMix64(seed: seed)
        func pick() -> Customer { customers[Int(random.next() % UInt64(customers.count))] }
        func prefix(_ text: String, _ lengths: ClosedRange<Int>) -> String {
            String(text.prefix(lengths.lowerBound + Int(random.next() % UInt64(lengths.count))))
        }
        // As `bench sync` draws them: 1-4 characters of a last name (or the email).
        let short = (0..<queries).map { _ in pick() }.map {
            prefix($0.lastName.isEmpty ? $0.email : $0.lastName, 1...4)
        }
        // 4-8 characters of a first name: words longer than the 3-character prefix index.
        let long = (0..<queries).map { _ in pick() }.map {
            prefix($0.firstName.isEmpty ? $0.email : $0.firstName, 4...8)
        }
        for (name, set) in [("last name, 1-4 chars", short), ("first name, 4-8 chars", long)] {
            var found = 0
            let cpuStart = cpuMilliseconds()
            let times = try set.map { query in
                try time {
                    found += try store.searchCustomers(query: query, limit: 50).count
                }
            }
            let cpu = (cpuMilliseconds() - cpuStart) / Double(set.count)
            print(
                "billtop customers QUERY (\(name), limit 50, \(set.count) queries): \(summary(times)); \(found) rows; CPU \(String(format: "%.2f", cpu)) ms per query (mean)"
            )
        }

        // The dashboard: typing whole names letter by letter (as `bench tui`), the data call alone, both plans.
        let typed = (0..<5).map { _ in pick().displayName.lowercased() }
        for reference in [false, true] {
            let data = StoreDashboardData(store: store, referenceSearch: reference)
            _ = try data.customers(CustomerQuery(), offset: 0, limit: 1)
            var times: [Double] = []
            var slowest = (0.0, "")
            let cpuStart = cpuMilliseconds()
            for name in typed {
                var text = ""
                for character in name {
                    text.append(character)
                    let t = try time { _ = try data.customers(CustomerQuery(text: text), offset: 0, limit: 150) }
                    times.append(t)
                    if t > slowest.0 { slowest = (t, text) }
                }
            }
            let cpu = (cpuMilliseconds() - cpuStart) / Double(times.count)
            print(
                "dashboard search, \(reference ? "reference plan" : "chosen plan"), window of 150 (\(typed.count) names typed): \(summary(times)); slowest '\(slowest.1)'; CPU \(String(format: "%.2f", cpu)) ms per key (mean)"
            )
        }
    }

    /// CPU time of the whole process (user + system): under load, wall time measures the machine as well.
    func cpuMilliseconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1e6
    }

    func time(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        let (s, a) = (ContinuousClock.now - start).components
        return Double(s) * 1000 + Double(a) / 1e15
    }

    func summary(_ samples: [Double]) -> String {
        let sorted = samples.sorted()
        func at(_ p: Double) -> String {
            String(format: "%.2f", sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))])
        }
        return "p50 \(at(0.5)) ms, p99 \(at(0.99)) ms, max \(at(1.0)) ms"
    }
}
