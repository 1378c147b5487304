import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// Paging traps against the real client (manual clock, so waits are instant): every run ends with the
/// store equal to the sandbox, or with a clear error after a bounded number of requests.
@Suite(.serialized) struct ReliabilityPagingTests {
    /// The listing paths of each stream, per kind of source.
    static func listingPaths(_ kind: SourceConfig.Kind) -> [String: String] {
        switch kind {
        case .chargify:
            [
                "customers": "/customers.json", "subscriptions": "/subscriptions.json", "invoices": "/invoices.json",
                "events": "/events.json",
            ]
        case .truto:
            [
                "customers": "/unified/subscription-management/customers",
                "invoices": "/unified/subscription-management/invoices",
                "subscriptions": "/proxy/subscriptions", "events": "/proxy/events",
            ]
        }
    }

    /// A sandbox whose generated renewal backlog is already processed (see IncrementalSyncTests), a Chargify
    /// or Truto source on it (5 per page, 4 in flight) and a runner on the manual clock; `faults` in force.
    static func synced(
        _ kind: SourceConfig.Kind, faults: FaultPlan = .none, maxInFlight: Int = 4
    ) async throws -> (ReliabilityNet, SourceConfig, SyncRunner) {
        let net = try await ReliabilityNet.start(customers: 25, seed: 11)
        await net.advance(seconds: 86_400)
        let config = net.source(kind, pageSize: 5, maxInFlight: maxInFlight)
        let runner = try net.runner(config, policy: .fast, wallClock: false)
        await net.server.setFaults(faults)
        return (net, config, runner)
    }

    /// The third cursor of the streams' listings refused as expired (the catalogue's cursors, read alongside,
    /// are not counted: which of them comes third depends on timing).
    static let expiringThirdStreamCursor = FaultPlan(
        expiredCursorRequests: 3...3, expiredCursorPaths: Set(listingPaths(.truto).values))

    /// A Truto cursor that expires mid-listing: that listing starts its window again (the same first
    /// request), no other stream restarts, and the store ends equal to the sandbox. Checked on a first
    /// complete listing and on an incremental window.
    @Test func anExpiredCursorRestartsOnlyTheCurrentWindow() async throws {
        let (net, config, runner) = try await Self.synced(.truto, faults: Self.expiringThirdStreamCursor)
        defer { net.cleanUp() }
        let full = await runner.runOnce(within: 120)
        #expect(full.ok, "\(full.failures)")
        #expect(try await net.differences(config).isEmpty)
        try await Self.expectOneRestart(net.server.requestLog())

        let previous = await net.server.world.company
        let windowStart = Int64(net.clock.now()) - Int64(config.overlapSeconds)
        await net.advance(seconds: 2 * 86_400)
        await net.server.resetRequestCounts()
        await net.server.setFaults(Self.expiringThirdStreamCursor)
        let delta = await runner.runOnce(within: 120)
        #expect(delta.ok, "\(delta.failures)")
        let log = await net.server.requestLog()
        try Self.expectOneRestart(log)
        let refused = try #require(log.first { $0.status == 400 })
        let first = try #require(log.first { $0.path == refused.path })
        #expect(
            first.query.contains {
                $0.hasPrefix("updated_at[gte]=") || $0.hasPrefix("start_datetime=") || $0.hasPrefix("since_id=")
            },
            "the restarted listing is the incremental window, not a complete listing: \(first.query)")
        #expect(try await net.differences(config, previous: previous, windowStart: windowStart).isEmpty)
    }

    /// One refused cursor; its listing's first request sent exactly twice (the restart repeats it), every
    /// other listing's first request once.
    static func expectOneRestart(_ log: [SandboxRequestRecord]) throws {
        let refused = try #require(log.first { $0.status == 400 })
        #expect(log.filter { $0.status == 400 }.count == 1)
        #expect(refused.parameter("next_cursor") != nil)
        for path in listingPaths(.truto).values {
            let starts = log.filter { $0.path == path && $0.parameter("next_cursor") == nil }
            if path == refused.path {
                #expect(starts.count == 2 && starts[0].query == starts[1].query, "\(path): \(starts.map(\.query))")
                #expect(starts[1].number > refused.number)
            } else {
                #expect(starts.count == 1, "\(path) restarted too: \(starts.count)")
            }
        }
    }

    /// A server that hands back the cursor it was given, and one whose every page is the first page:
    /// each stream stops with a paging-loop error after two requests of its listing (plus read-ahead), never a spin.
    @Test(arguments: [
        (SourceConfig.Kind.truto, FaultPlan.PagingTrap.repeatCursor), (.truto, .samePageForever),
        (.chargify, .samePageForever),
    ])
    func aServerThatRepeatsItselfStopsTheStreamWithAClearError(kind: SourceConfig.Kind, trap: FaultPlan.PagingTrap)
        async throws
    {
        let (net, _, runner) = try await Self.synced(kind, faults: FaultPlan(pagingTrap: trap))
        defer { net.cleanUp() }
        let result = await runner.runOnce(within: 30)
        #expect(!result.ok)
        let log = await net.server.requestLog()
        let paths = Self.listingPaths(kind)
        for failure in result.failures {
            guard case .pagingLoop(let message) = failure.error else {
                Issue.record("\(failure.stream): \(failure.error)")
                continue
            }
            let expected = trap == .repeatCursor ? "repeated a cursor" : "same page twice"
            #expect(message.contains(expected), "\(failure.stream): \(message)")
            let requests = log.listing(paths[failure.stream] ?? "?").count
            if failure.stream == "subscriptions", let catalogue = Self.catalogueListing(named: message) {
                // Its first page needs the catalogue, read to its end with it: stuck there, the stream stops
                // after one request of its own listing and two of the catalogue listing that repeated itself.
                #expect(
                    requests == 1 && log.listing(catalogue).count == 2,
                    "\(catalogue): \(log.listing(catalogue).count) requests")
                continue
            }
            // Numbered pages are read ahead (StreamSyncer.readAheadDepth = 4): at most those four more
            // requests leave before the repeat is seen; a cursor chain cannot be read ahead.
            let bound = kind == .chargify ? 2 + 4 : 2
            #expect(requests >= 2 && requests <= bound, "\(failure.stream): \(requests) listing requests")
        }
        // Chargify's events list by since_id, where a page number does not exist to be stuck on.
        #expect(
            Set(result.failures.map(\.stream))
                == (kind == .chargify ? ["customers", "subscriptions", "invoices"] : Set(paths.keys)))
        let lastErrors = try net.store.syncStatus().compactMap(\.state.lastError)
        #expect(
            lastErrors.count == result.failures.count && lastErrors.allSatisfy { $0.contains("stopped a paging loop") })
    }

    /// The catalogue listing a paging-loop message names ("... (GET /components.json page 2)"), if any.
    static func catalogueListing(named message: String) -> String? {
        guard let start = message.range(of: "(GET ") else { return nil }
        let path = message[start.upperBound...].prefix { $0 != " " && $0 != ")" }
        return ["/components", "/proxy/components", "/coupons", "/proxy/coupons"].contains { path.hasPrefix($0) }
            ? String(path) : nil
    }

    /// A server that ignores the `updated_at` filter: the syncer notices records older than the window,
    /// says so in the sync log, reads the listing in full and the store ends equal to the sandbox.
    @Test(arguments: [SourceConfig.Kind.chargify, .truto])
    func aServerThatIgnoresTheTimeFilterIsReadInFull(kind: SourceConfig.Kind) async throws {
        let (net, config, runner) = try await Self.synced(kind)
        defer { net.cleanUp() }
        #expect(await runner.runOnce(within: 120).ok)
        await net.advance(seconds: 2 * 86_400)
        await net.server.setFaults(FaultPlan(ignoresTimeFilter: true))
        await net.server.resetRequestCounts()
        let delta = await runner.runOnce(within: 120)
        #expect(delta.ok, "\(delta.failures)")
        // Everything was listed again, so even changes stamped before the window are in.
        #expect(try await net.differences(config).isEmpty)
        let notes = try net.store.recentSyncLog(limit: 10_000).filter {
            $0.message.contains("ignored the updated_at filter")
        }
        #expect(Set(notes.map(\.stream)) == ["customers", "subscriptions", "invoices"], "\(notes.map(\.stream))")
        // The behaviour, not only the log line: the run is recorded as an unfiltered listing (its window
        // dropped), and Chargify's numbered pages after the first are requested without the filter, to the
        // last page (Truto's cursors carry the listing's filters, so there only the state shows it).
        let states = try net.store.syncStatus().filter { $0.sourceName == config.name }
        for stream in ["customers", "subscriptions", "invoices"] {
            let state = try #require(states.first { $0.stream == stream }?.state)
            #expect(
                state.windowStart == nil,
                "\(stream): the run read an unfiltered listing, its state says window \(state.windowStart ?? 0)")
        }
        if kind == .chargify { try Self.expectUnfilteredAfterTheFirstPage(await net.server.requestLog(), kind: kind) }
    }

    /// Each windowed listing's first request carries its time filter, and its listing continues to the
    /// end without one: a later request, and the last, name no time filter.
    static func expectUnfilteredAfterTheFirstPage(_ log: [SandboxRequestRecord], kind: SourceConfig.Kind) throws {
        let paths = listingPaths(kind)
        for stream in ["customers", "subscriptions", "invoices"] {
            let requests = log.listing(try #require(paths[stream]))
            let filtered = requests.map(\.hasTimeFilter)
            #expect(
                requests.count >= 2, "\(stream): the ignored filter makes a listing of several pages: \(requests.count)"
            )
            #expect(filtered.first == true, "\(stream): the incremental run asked for its window first")
            #expect(
                filtered.dropFirst().contains(false) && filtered.last == false,
                "\(stream): after the ignored filter the listing goes on unfiltered: \(requests.map(\.query))")
        }
    }

    /// Upstream changes while a listing pages (the world lives 6 h before the 2nd and 5th requests of a
    /// complete listing and of an incremental one): records shift between pages and change after they
    /// were read; the next run picks every change up and the store ends equal to the sandbox.
    @Test(arguments: [SourceConfig.Kind.chargify, .truto])
    func recordsThatMoveWhileAListingPagesEndUpInTheStore(kind: SourceConfig.Kind) async throws {
        // The world moves before each of the 2nd to 9th requests: whichever stream's pages those are, records
        // already read change during the listing (with two moves a high-water mark taken from the wrong page
        // was caught about half the time, depending on which stream met them).
        let moves = Dictionary(uniqueKeysWithValues: (2...9).map { ($0, Int64(21_600)) })
        let (net, config, runner) = try await Self.synced(kind, faults: FaultPlan(advanceWorldBeforeRequests: moves))
        defer { net.cleanUp() }
        var previous = await net.server.world.company
        var windowStart = Int64(net.clock.now()) - Int64(config.overlapSeconds)
        let full = await runner.runOnce(within: 120)
        #expect(full.ok, "\(full.failures)")
        let changedDuringFull = await net.server.world.company.version != previous.version
        #expect(changedDuringFull, "the world changed during the listing")

        await net.server.setFaults(FaultPlan(advanceWorldBeforeRequests: moves))
        let delta = await runner.runOnce(within: 120)
        #expect(delta.ok, "\(delta.failures)")
        // A quiet run (no change upstream) settles what changed during the last listing.
        previous = await net.server.world.company
        await net.server.setFaults(.none)
        windowStart = Int64(net.clock.now()) - Int64(config.overlapSeconds)
        let settle = await runner.runOnce(within: 120)
        #expect(settle.ok, "\(settle.failures)")
        let differences = try await net.differences(config, previous: previous, windowStart: windowStart)
        #expect(differences.isEmpty, "\(differences)")
    }
}
