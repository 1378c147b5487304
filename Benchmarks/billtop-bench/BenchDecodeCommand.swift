import ArgumentParser
import BillingSync
import Foundation
import Sandbox

/// `billtop-bench decode`: the fetcher's client-side decode and map of real page bodies (built by an
/// in-process sandbox, no HTTP, no store), per stream. Prints numbers; asserts nothing.
struct BenchDecodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode", abstract: "Benchmark: decoding and mapping page bodies.")

    @Option(help: "Customers to generate.") var customers = 2_000
    @Option(help: "Records per page.") var perPage = 200
    @Option(help: "Pages per stream at most.") var pages = 20
    @Option(help: "Rounds over the same bodies; the fastest round is printed (the machine is shared).") var rounds = 5
    @Option(help: "Seed.") var seed: UInt64 = 1
    @Flag(
        help:
            "Also time Foundation's JSONDecoder into lenient wire structs (Chargify customers and invoices; no mapping, no raw texts)."
    )
    var jsonDecoder = false

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
                let body = await server.localGet(
                    path: path, query: "page=\(page)&per_page=\(perPage)&direction=asc" + extra
                ).body
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
                let query =
                    "integrated_account_id=\(account)&" + (cursor.map { "next_cursor=\($0)" } ?? "limit=\(perPage)")
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
        guard jsonDecoder else { return }
        print("JSONDecoder into wire structs (parse only: no mapping to BillingCore, no raw texts), same bodies:")
        for sample in samples
        where sample.source == .chargify && (sample.stream == .customers || sample.stream == .invoices) {
            try measure(sample, label: "JSONDecoder " + sample.stream.rawValue) { body in
                let decoder = JSONDecoder()
                if sample.stream == .customers {
                    return try decoder.decode([Wire.CustomerEnvelope].self, from: body).count
                }
                return try decoder.decode(Wire.Invoices.self, from: body).invoices.count
            }
        }
    }

    /// Decodes the sample's bodies `rounds` times on this thread (no suspension point inside) and prints the best round.
    func measure(_ sample: Sample, label: String? = nil, decode: ((Data) throws -> Int)? = nil) throws {
        let bytes = sample.bodies.reduce(0) { $0 + $1.count }
        var best = Double.infinity
        var records = 0
        for _ in 0..<rounds {
            let start = Self.threadCPUSeconds()
            records = 0
            for body in sample.bodies {
                records +=
                    try decode?(body) ?? PageDecoding.records(in: body, source: sample.source, stream: sample.stream)
            }
            best = min(best, Self.threadCPUSeconds() - start)
        }
        let perRecord = best / Double(max(1, records)) * 1e6
        let megabytesPerSecond = Double(bytes) / 1_048_576 / max(best, 1e-9)
        print(
            "  \((label ?? sample.label).padding(toLength: 22, withPad: " ", startingAt: 0)) \(records) records, "
                + "\(bytes / max(1, records)) bytes/record: \(String(format: "%.1f", perRecord)) µs/record, "
                + "\(String(format: "%.1f", megabytesPerSecond)) MB/s, \(Int(Double(records) / max(best, 1e-9))) records/s"
        )
    }

    /// CPU time of the calling thread: the decode runs on one thread, and other processes' load does not count.
    static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Option (a) of the decoding work, for comparison: Chargify's shapes as Decodable structs whose every
    /// field is lenient (text, number, boolean or a wrong type all decode), the cheapest typed decode
    /// that keeps "a wrong field flags the record, never loses the page".
    enum Wire {
        struct Lenient: Decodable {
            var text: String?
            init(from decoder: any Decoder) throws {
                let c = try decoder.singleValueContainer()
                if c.decodeNil() {
                    text = nil
                } else if let s = try? c.decode(String.self) {
                    text = s
                } else if let d = try? c.decode(Decimal.self) {
                    text = "\(d)"
                } else if let b = try? c.decode(Bool.self) {
                    text = b ? "1" : "0"
                } else {
                    text = nil
                }
            }
        }
        struct CustomerEnvelope: Decodable { var customer: Customer }
        struct Customer: Decodable {
            var id, first_name, last_name, email, organization, reference, phone, city, country, created_at,
                updated_at: Lenient?
        }
        struct Invoices: Decodable { var invoices: [Invoice] }
        struct Invoice: Decodable {
            var uid, number, customer_id, subscription_id, status, currency, issue_date, due_date, paid_date: Lenient?
            var subtotal_amount, discount_amount, tax_amount, total_amount, credit_amount, paid_amount,
                refund_amount: Lenient?
            var due_amount, product_name, memo, created_at, updated_at: Lenient?
            var line_items: [Line]?
            var payments: [Payment]?
        }
        struct Line: Decodable {
            var uid, title, description, quantity, unit_price, subtotal_amount, discount_amount, tax_amount: Lenient?
            var total_amount, period_range_start, period_range_end, product_id, component_id, kind: Lenient?
        }
        struct Payment: Decodable {
            var transaction_id, transaction_time, memo, original_amount, applied_amount: Lenient?
            var payment_method: [String: Lenient]?
        }
    }
}
