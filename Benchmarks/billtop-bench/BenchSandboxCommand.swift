import ArgumentParser
import Foundation
import Sandbox

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `billtop-bench sandbox`: generation time and peak memory for a large company, and pages of 200
/// invoices served per second over loopback. Prints numbers; asserts nothing.
struct BenchSandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox", abstract: "Benchmark: sandbox generation and serving.")

    @Option(help: "Customers to generate.") var customers = 100_000
    @Option(help: "Pages of invoices to fetch over HTTP.") var pages = 2_000
    @Option(help: "Invoices per page.") var perPage = 200
    @Option(help: "Requests in flight at once (Chargify; a Truto cursor chain is followed one page at a time).")
    var concurrency = 4
    @Flag(help: "Ask for line items and payments too (bigger pages).") var lineItems = false
    @Option(help: "chargify (/invoices.json) or truto (unified invoices, by cursor).") var api = "chargify"
    @Option(help: "Megabytes of encoded records the sandbox may cache (0: encode every record on every request).")
    var recordCacheMb = 128
    @Option(help: "Seed.") var seed: UInt64 = 1

    func validate() throws {
        guard customers > 0, pages > 0, perPage > 0, concurrency > 0, recordCacheMb >= 0 else {
            throw ValidationError(
                "--customers, --pages, --per-page and --concurrency must be positive, --record-cache-mb 0 or more")
        }
        guard api == "chargify" || api == "truto" else { throw ValidationError("--api must be chargify or truto") }
    }

    func run() async throws {
        let clock = ContinuousClock()
        var config = SandboxConfiguration(seed: seed, customers: customers)
        config.encodedRecordCacheBytes = recordCacheMb << 20
        let generationStart = clock.now
        let company = CompanyGenerator.generate(config)
        let generation = generationStart.duration(to: clock.now)
        print(
            "generate: \(customers) customers, \(company.subscriptions.count) subscriptions, \(company.invoices.count) invoices, "
                + "\(company.events.count) events in \(Self.seconds(generation)) s; peak RSS \(ProcessMeter.peakRSSMegabytes()) MB"
        )
        let world = SandboxWorld(company: company, configuration: config)
        let server = try await SandboxServer.start(world: world, configuration: config)
        let pager = BenchSandboxPager(
            api: api, perPage: perPage, lineItems: lineItems, invoiceCount: company.invoices.count,
            account: server.integratedAccountID)
        let http = BenchSandboxHTTP(
            base: server.baseURL,
            authorization: api == "truto"
                ? "Bearer \(config.trutoToken)"
                : "Basic " + Data("\(config.chargifyAPIKey):x".utf8).base64EncodedString())
        let what = "pages of \(perPage) \(api) invoices\(lineItems ? " with lines and payments" : "")"
        let inFlight = api == "truto" ? 1 : concurrency
        // Cold: every record is encoded (first read, as a first sync sees it). Warm: the same pages again.
        // CPU seconds (user + system, the whole process: client and server) are printed next to the
        // wall clock because the shared machine's load makes wall-clock rates a floor.
        for pass in ["cold", "warm"] {
            let start = clock.now
            let cpu = ProcessMeter.cpuSeconds()
            let (bytes, failures) = try await pager.overHTTP(http, pages: pages, concurrency: inFlight)
            let took = Self.secondsValue(start.duration(to: clock.now))
            print(
                "serve \(pass): \(pages) \(what) in \(Self.format(took)) s = \(Int(Double(pages) / took)) pages/s "
                    + "(CPU \(Self.format(ProcessMeter.cpuSeconds() - cpu)) s), \(bytes / max(1, pages)) bytes/page, \(failures) failures, \(inFlight) in flight"
            )
        }
        // The same pages built in process (no HTTP), sequentially: the sandbox's own cost on one task.
        let localStart = clock.now
        let localCPU = ProcessMeter.cpuSeconds()
        let localBytes = await pager.inProcess(server, pages: pages)
        let local = Self.secondsValue(localStart.duration(to: clock.now))
        let localCPUSeconds = ProcessMeter.cpuSeconds() - localCPU
        print(
            "build in process (no HTTP, warm): \(pages) pages in \(Self.format(local)) s = \(Int(Double(pages) / local)) pages/s on one task; "
                + "CPU \(Self.format(localCPUSeconds)) s = \(Int(Double(pages) / max(0.001, localCPUSeconds))) pages per CPU second, "
                + "\(localBytes / max(1, pages)) bytes/page")
        let counts = server.encodedRecordCounts
        print(
            "record cache (\(recordCacheMb) MB): \(counts.hits) records spliced, \(counts.misses) encoded; peak RSS after serving: \(ProcessMeter.peakRSSMegabytes()) MB"
        )
        await server.stop()
    }

    static func secondsValue(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func seconds(_ duration: Duration) -> String { format(secondsValue(duration)) }

    static func format(_ seconds: Double) -> String { String(format: "%.2f", seconds) }
}
