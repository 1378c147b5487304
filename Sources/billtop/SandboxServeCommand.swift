import ArgumentParser
import BillingCore
import Foundation
import Sandbox

/// `billtop sandbox serve`: generates a company and serves it until interrupted.
struct SandboxServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Generate a company and serve it over HTTP on 127.0.0.1.")

    @Option(help: "Port to listen on (0 picks a free one).") var port = 0
    @Option(help: "Seed of the generated company (same seed, same data).") var seed: UInt64 = 1
    @Option(help: "Number of customers to generate.") var customers = 2000
    @Option(
        help:
            "\"Today\" as YYYY-MM-DD or an ISO 8601 time (default: the current time, so that its Date header is one a client trusts)."
    ) var now: String?
    @Option(help: "Advance the company's clock by this many seconds every this many seconds.") var tick: Double?
    @Flag(help: "Mix escape sequences and control characters into names, organisations and memos.") var hostile = false
    @Option(help: "Chargify API key (or BILLTOP_SANDBOX_API_KEY; keeps it out of process listings).") var apiKey:
        String?
    @Option(help: "Truto bearer token (or BILLTOP_SANDBOX_TOKEN).") var token: String?
    @Option(help: "GHL bearer token (or BILLTOP_SANDBOX_GHL_TOKEN).") var ghlToken: String?
    @Option(help: "Chargify site time zone as an offset from UTC in seconds.") var siteOffset = 0
    @Flag(help: "After each burst of Chargify traffic, print its requests, seconds and average requests in flight.")
    var reportInFlight = false
    @OptionGroup var faults: SandboxFaultOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard customers >= 0 else { throw ValidationError("--customers must be 0 or more") }
        if let now, Self.parseNow(now) == nil {
            throw ValidationError("--now must look like 2026-06-20 or 2026-06-20T12:00:00Z")
        }
        if let tick, tick <= 0 { throw ValidationError("--tick must be a positive number of seconds") }
        try faults.validate()
    }

    static func parseNow(_ text: String) -> Timestamp? {
        if let time = Timestamp(iso: text) { return time }
        return LocalDate(iso: text).map { Timestamp(startOf: $0).adding(seconds: 12 * 3_600) }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let config = SandboxConfiguration(
            seed: seed, customers: customers,
            now: now.flatMap(Self.parseNow) ?? Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)),
            hostileStrings: hostile,
            chargifyAPIKey: apiKey ?? environment["BILLTOP_SANDBOX_API_KEY"] ?? "sandbox",
            trutoToken: token ?? environment["BILLTOP_SANDBOX_TOKEN"] ?? "sandbox",
            ghlToken: ghlToken ?? environment["BILLTOP_SANDBOX_GHL_TOKEN"] ?? "sandbox",
            siteUTCOffsetSeconds: siteOffset, faults: faults.plan)
        let clock = ContinuousClock()
        let started = clock.now
        let server = try await SandboxServer.start(config, port: port)
        let company = await server.world.company
        let elapsed = started.duration(to: clock.now)
        print(
            "billtop sandbox: \(company.customers.count) customers, \(company.subscriptions.count) subscriptions, "
                + "\(company.invoices.count) invoices generated in \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds])))"
        )
        print("base URL:               \(server.baseURL)")
        print("integrated account id:  \(server.integratedAccountID)")
        print("GHL location id:        \(company.ghlLocationID)")
        print("Chargify: Basic auth, API key as user, password x. Truto/GHL: Bearer token. Ctrl-C stops.")
        fflush(nil)  // flush all streams: the URL must reach a pipe at once
        var reported = InFlightMeter()
        if let tick {
            server.startTicking(every: tick)
            print("ticking: +\(tick) s of company time every \(tick) s")
            fflush(nil)  // flush all streams: the URL must reach a pipe at once
        }
        while !Task.isCancelled {
            guard reportInFlight else {
                try await Task.sleep(for: .seconds(3_600))
                continue
            }
            try await Task.sleep(for: .seconds(0.5))
            await printInFlight(server, reported: &reported)
        }
        await server.stop()
    }

    /// One line per ended burst of Chargify traffic: the in-flight ratio's load-independent proxy is the
    /// average over the cap (`--concurrency-cap`).
    private func printInFlight(_ server: SandboxServer, reported: inout InFlightMeter) async {
        let burst = await server.chargifyInFlightBurst()
        guard await server.chargifyBurstEnded(), burst != reported, let average = burst.average else { return }
        reported = burst
        let cap =
            faults.plan.concurrencyCap.map { String(format: ", %.3f of the cap of %d", average / Double($0), $0) } ?? ""
        print(
            String(
                format: "chargify: %d requests in %.2f s, %.3f in flight on average", burst.requests, burst.seconds,
                average) + cap)
        for (second, area) in burst.perSecond.enumerated() {
            let arrivals = second < burst.arrivalsPerSecond.count ? burst.arrivalsPerSecond[second] : [:]
            let paths = arrivals.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print(String(format: "  second %d: %.2f in flight; ", second, area) + paths)
        }
        fflush(nil)
    }
}
