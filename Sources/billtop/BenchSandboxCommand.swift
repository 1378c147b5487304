import ArgumentParser
import Foundation
import Sandbox
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `billtop bench sandbox`: generation time and peak memory for a large company, and pages of 200
/// invoices served per second over loopback. Prints numbers; asserts nothing.
struct BenchSandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sandbox", abstract: "Benchmark: sandbox generation and serving.")

    @Option(help: "Customers to generate.") var customers = 100_000
    @Option(help: "Pages of invoices to fetch over HTTP.") var pages = 2_000
    @Option(help: "Invoices per page.") var perPage = 200
    @Option(help: "Requests in flight at once.") var concurrency = 4
    @Flag(help: "Ask for line items and payments too (bigger pages).") var lineItems = false
    @Option(help: "Seed.") var seed: UInt64 = 1

    func validate() throws {
        guard customers > 0, pages > 0, perPage > 0, concurrency > 0 else {
            throw ValidationError("--customers, --pages, --per-page and --concurrency must be positive")
        }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let config = SandboxConfiguration(seed: seed, customers: customers)
        let generationStart = clock.now
        let company = CompanyGenerator.generate(config)
        let generation = generationStart.duration(to: clock.now)
        print("generate: \(customers) customers, \(company.subscriptions.count) subscriptions, \(company.invoices.count) invoices, "
              + "\(company.events.count) events in \(Self.seconds(generation)) s; peak RSS \(Self.peakRSSMegabytes()) MB")
        let world = SandboxWorld(company: company, configuration: config)
        let server = try await SandboxServer.start(world: world, configuration: config)
        let lastPage = max(1, company.invoices.count / perPage)
        let suffix = lineItems ? "&line_items=true&payments=true" : ""
        let base = server.baseURL
        let auth = "Basic " + Data("sandbox:x".utf8).base64EncodedString()
        let session = URLSession(configuration: .ephemeral)
        // Warm up the connection pool and caches.
        _ = try await Self.fetch(session, "\(base)/invoices.json?page=1&per_page=\(perPage)\(suffix)", auth)
        let serveStart = clock.now
        let (bytes, failures) = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var bytes = 0
                    var failures = 0
                    var page = worker
                    while page < pages {
                        let url = "\(base)/invoices.json?page=\(page % lastPage + 1)&per_page=\(perPage)\(suffix)"
                        let (status, count) = try await Self.fetch(session, url, auth)
                        bytes += count
                        if status != 200 { failures += 1 }
                        page += concurrency
                    }
                    return (bytes, failures)
                }
            }
            var total = (0, 0)
            for try await part in group { total = (total.0 + part.0, total.1 + part.1) }
            return total
        }
        let serving = serveStart.duration(to: clock.now)
        let rate = Double(pages) / Self.secondsValue(serving)
        print("serve: \(pages) pages of \(perPage) invoices\(lineItems ? " with lines and payments" : "") in \(Self.seconds(serving)) s "
              + "= \(Int(rate)) pages/s, \(bytes / max(1, pages)) bytes/page, \(failures) failures, concurrency \(concurrency)")
        // The same pages built in process (no HTTP): separates the sandbox's own cost from the HTTP stack.
        let localStart = clock.now
        var localBytes = 0
        for page in 0..<pages {
            localBytes += await server.localGet(path: "/invoices.json", query: "page=\(page % lastPage + 1)&per_page=\(perPage)\(suffix)").body.count
        }
        let local = localStart.duration(to: clock.now)
        print("build in process (no HTTP): \(pages) pages in \(Self.seconds(local)) s = \(Int(Double(pages) / Self.secondsValue(local))) pages/s "
              + "on one core, \(localBytes / max(1, pages)) bytes/page")
        print("peak RSS after serving: \(Self.peakRSSMegabytes()) MB")
        await server.stop()
    }

    static func fetch(_ session: URLSession, _ url: String, _ auth: String) async throws -> (Int, Int) {
        var request = URLRequest(url: URL(string: url)!)
        request.setValue(auth, forHTTPHeaderField: "Authorization")
        let (data, response) = try await session.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data.count)
    }

    static func secondsValue(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func seconds(_ duration: Duration) -> String { String(format: "%.2f", secondsValue(duration)) }

    /// VmHWM from /proc/self/status: the process's peak resident set.
    static func peakRSSMegabytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "")
        else { return -1 }
        return kilobytes / 1_024
    }
}
