import ArgumentParser
import BillingSync
import Foundation
import Sandbox

/// `billtop bench decode`: the fetcher's client-side decode and map of real page bodies (built by an
/// in-process sandbox, no HTTP, no store), per stream. Prints numbers; asserts nothing.
struct BenchDecodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "decode", abstract: "Benchmark: decoding and mapping page bodies.")

    @Option(help: "Customers to generate.") var customers = 2_000
    @Option(help: "Records per page.") var perPage = 200
    @Option(help: "Pages per stream at most.") var pages = 20
    @Option(help: "Rounds over the same bodies; the fastest round is printed (the machine is shared).") var rounds = 5
    @Option(help: "Seed.") var seed: UInt64 = 1

    func validate() throws {
        guard customers > 0, perPage > 0, pages > 0, rounds > 0 else {
            throw ValidationError("--customers, --per-page, --pages and --rounds must be positive")
        }
    }

    /// One stream's bodies as a source sends them.
    struct Sample {
        let source: PageDecoding.Source
        let stream: StreamKind
        var bodies: [Data] = []
        var label: String { "\(source.rawValue) \(stream.rawValue)" }
    }

    func run() async throws {
        let config = SandboxConfiguration(seed: seed, customers: customers)
        let world = SandboxWorld(company: CompanyGenerator.generate(config), configuration: config)
        let server = try await SandboxServer.start(world: world, configuration: config)
        var samples: [Sample] = []
        let chargify: [(StreamKind, String, String)] = [
            (.customers, "/customers.json", ""), (.subscriptions, "/subscriptions.json", ""),
            (.invoices, "/invoices.json", "&line_items=true&payments=true"), (.events, "/events.json", ""),
        ]
        for (stream, path, extra) in chargify {
            var sample = Sample(source: .chargify, stream: stream)
            for page in 1...pages {
                let body = await server.localGet(path: path, query: "page=\(page)&per_page=\(perPage)&direction=asc" + extra).body
                guard try PageDecoding.records(in: Data(body), source: .chargify, stream: stream) > 0 else { break }
                sample.bodies.append(Data(body))
            }
            samples.append(sample)
        }
        let account = server.integratedAccountID
        for (stream, path) in [(StreamKind.customers, "customers"), (.invoices, "invoices")] {
            var sample = Sample(source: .truto, stream: stream)
            var cursor: String?
            for _ in 0..<pages {
                let query = "integrated_account_id=\(account)&" + (cursor.map { "next_cursor=\($0)" } ?? "limit=\(perPage)")
                let body = await server.localGet(path: "/unified/subscription-management/" + path, query: query).body
                guard try PageDecoding.records(in: Data(body), source: .truto, stream: stream) > 0 else { break }
                sample.bodies.append(Data(body))
                cursor = BenchSandboxPager.nextCursor(body)
                if cursor == nil { break }
            }
            samples.append(sample)
        }
        await server.stop()
        print("decode+map, \(customers) customers, pages of \(perPage), best of \(rounds) rounds (thread CPU time):")
        for sample in samples { try measure(sample) }
    }

    /// Decodes the sample's bodies `rounds` times on this thread (no suspension point inside) and prints the best round.
    func measure(_ sample: Sample) throws {
        let bytes = sample.bodies.reduce(0) { $0 + $1.count }
        var best = Double.infinity
        var records = 0
        for _ in 0..<rounds {
            let start = Self.threadCPUSeconds()
            records = 0
            for body in sample.bodies { records += try PageDecoding.records(in: body, source: sample.source, stream: sample.stream) }
            best = min(best, Self.threadCPUSeconds() - start)
        }
        let perRecord = best / Double(max(1, records)) * 1e6
        let megabytesPerSecond = Double(bytes) / 1_048_576 / max(best, 1e-9)
        print("  \(sample.label.padding(toLength: 22, withPad: " ", startingAt: 0)) \(records) records, "
              + "\(bytes / max(1, records)) bytes/record: \(String(format: "%.1f", perRecord)) µs/record, "
              + "\(String(format: "%.1f", megabytesPerSecond)) MB/s, \(Int(Double(records) / max(best, 1e-9))) records/s")
    }

    /// CPU time of the calling thread: the decode runs on one thread, and other processes' load does not count.
    static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
