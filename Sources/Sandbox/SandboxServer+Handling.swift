import BillingCore
import Foundation
import Synchronization

extension SandboxServer {
    /// How a body is trickled out for the slow-trickle fault.
    struct Trickle: Sendable {
        var chunk: Int
        var delayMilliseconds: Int
    }

    /// Answers a GET in process, without HTTP, with the configured Chargify or Truto credentials (by
    /// path), for benchmarks that separate encoding cost from the HTTP stack. Counts and faults apply as
    /// for real requests. Package access: a hook for benchmarks and tests, not public API.
    package func localGet(path: String, query: String? = nil) async -> (status: Int, body: [UInt8]) {
        let auth =
            SandboxAPI(path: path) == .truto
            ? "Bearer \(configuration.trutoToken)"
            : "Basic " + Data("\(configuration.chargifyAPIKey):x".utf8).base64EncodedString()
        let request = SandboxRequest(method: "GET", path: path, rawQuery: query, authorization: auth)
        let (response, _) = await handle(request)
        return (response.status, response.body)
    }

    /// A duration in seconds, for the in-flight meter.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// Counts, throttles, authenticates, routes and (per the fault plan) spoils one request.
    func handle(_ incoming: SandboxRequest) async -> (SandboxResponse, Trickle?) {
        var request = incoming
        let api = SandboxAPI(path: request.path)
        let arrivedAt = Date().timeIntervalSince1970
        let elapsed = started.duration(to: .now)
        let nowSeconds = UInt64(elapsed.components.seconds)
        // Bookkeeping under the lock: count, window, in-flight, sequence.
        let hasCursor = !(request["next_cursor"] ?? "").isEmpty
        let (plan, sequence, limited, overCap, remaining, resetIn, number, cursorNumber, writeNumber) = state.withLock {
            state -> (FaultPlan, UInt64, Int?, Bool, Int, Int, Int, Int?, Int) in
            state.counts[request.path, default: 0] += 1
            state.sequence += 1
            state.planRequests += 1
            if request.method != "GET" { state.planWrites += 1 }
            let countsCursor =
                hasCursor
                && (state.faults.expiredCursorPaths.isEmpty || state.faults.expiredCursorPaths.contains(request.path))
            if countsCursor { state.planCursorRequests += 1 }
            // The first window opens with the first request, not with the server: a slow start-up on a
            // loaded machine must not use up the window before anyone has asked anything.
            let opened = state.windowStart ?? nowSeconds
            var windowStart = opened
            if nowSeconds >= opened + 60 {
                windowStart = nowSeconds - (nowSeconds - opened) % 60
                state.windowCount = 0
            }
            state.windowStart = windowStart
            state.windowCount += 1
            var limited: Int?
            if let limit = state.faults.rateLimitPerMinute, state.windowCount > limit {
                limited = Int(windowStart + 60 - nowSeconds)
            }
            var overCap = false
            if api == .chargify {
                state.chargifyInFlight += 1
                state.chargifyMeter.arrive(at: Self.seconds(elapsed), path: request.path)
                state.chargifyPeakInFlight = max(state.chargifyPeakInFlight, state.chargifyInFlight)
                if let cap = state.faults.concurrencyCap, state.chargifyInFlight > cap { overCap = true }
            }
            let remaining = max(0, (state.faults.rateLimitPerMinute ?? 1_000) - state.windowCount)
            return (
                state.faults, state.sequence, limited, overCap, remaining, Int(windowStart + 60 - nowSeconds),
                state.planRequests, countsCursor ? state.planCursorRequests : nil, state.planWrites
            )
        }
        // An HTTP-date Retry-After counts from the world's clock as the request arrived, before a scripted
        // move of the world: the clock the response's `Date` reports.
        let arrivalWorld = await world.now.secondsSinceEpoch
        if let seconds = plan.advanceWorldBeforeRequests[number] { await world.advance(seconds: seconds) }
        FaultInjector.rewrite(&request, plan, api: api)
        defer {
            if api == .chargify {
                let departed = Self.seconds(started.duration(to: .now))
                state.withLock {
                    $0.chargifyInFlight -= 1
                    $0.chargifyMeter.depart(at: departed)
                }
            }
        }
        // A request over the cap is turned away at the door, as a gateway does, not after the work's latency.
        if plan.latencyMilliseconds > 0, !overCap {
            try? await Task.sleep(for: .milliseconds(plan.latencyMilliseconds))
        }
        var response: SandboxResponse
        if let secondsLeft = limited {
            response = FaultInjector.rateLimited(plan, api: api, secondsLeft: secondsLeft, worldNow: arrivalWorld)
        } else if plan.rateLimitedRequests?.contains(number) == true {
            response = FaultInjector.rateLimited(plan, api: api, secondsLeft: 0, worldNow: arrivalWorld)
        } else if let cursorNumber, plan.expiredCursorRequests?.contains(cursorNumber) == true {
            response = FaultInjector.expiredCursor()
        } else if overCap {
            response = api.error(
                429, "Too many requests in flight: at most \(plan.concurrencyCap ?? 4) at once; slow down.")
        } else if plan.serverErrorRate > 0, FaultInjector.roll(plan, sequence, .serverError) < plan.serverErrorRate {
            response = FaultInjector.serverError(plan, sequence, api: api)
        } else if plan.htmlBodyRate > 0, FaultInjector.roll(plan, sequence, .html) < plan.htmlBodyRate {
            response = FaultInjector.htmlPage(status: 200, title: "Scheduled maintenance")
        } else if plan.missingEndpoints.contains(request.path) {
            response =
                api == .chargify
                ? ChargifyRoutes.notFoundResponse() : api.error(404, "Unknown proxy resource: \(request.path)")
        } else if plan.forbiddenEndpoints.contains(request.path) {
            response =
                api == .chargify
                ? .chargifyErrors(403, ["This API key is not permitted to perform this action."])
                : api.error(
                    403, "The provider refused the request: the connected key lacks this permission.", remote: true)
        } else {
            response = await route(request, api: api, plan: plan)
            if let zone = plan.siteTimeZone, api == .chargify || request.path.hasPrefix("/proxy/") {
                SiteTimeZone(identifier: zone)?.localise(&response.body)
            }
            if plan.pagingTrap == .repeatCursor, let cursor = request["next_cursor"], !cursor.isEmpty {
                FaultInjector.repeatCursor(&response, cursor)
            }
            if response.isSuccess, plan.truncatedBodyRate > 0,
                FaultInjector.roll(plan, sequence, .truncate) < plan.truncatedBodyRate
            {
                FaultInjector.truncate(&response, plan, sequence)
            }
        }
        if api == .truto, let limit = plan.rateLimitPerMinute {
            // Truto forwards a limit only where there is one; a limit the sandbox does not enforce would make
            // a client that honours these headers wait for nothing. The reset is the window this request counted in.
            response.headers.append(("ratelimit-limit", String(limit)))
            response.headers.append(("ratelimit-remaining", String(remaining)))
            response.headers.append(("ratelimit-reset", String(resetIn)))
        }
        var trickle = plan.trickleChunkBytes.map {
            Trickle(chunk: max(1, $0), delayMilliseconds: plan.trickleDelayMilliseconds)
        }
        if let only = plan.trickleRequests, !only.contains(number) { trickle = nil }
        let record = SandboxRequestRecord(
            number: number, path: incoming.path, query: incoming.query.map { "\($0.0)=\($0.1)" }, arrivedAt: arrivedAt,
            status: response.status, method: incoming.method)
        state.withLock { $0.record(record) }
        if incoming.method != "GET", plan.holdsWrite(writeNumber) {
            // The write is done and logged; only the answer waits, so a client can be killed in the gap.
            await holdResponse(milliseconds: plan.holdWriteResponseMilliseconds)
        }
        if incoming.method != "GET", response.isSuccess, plan.failWritesAfterActing?.contains(writeNumber) == true {
            response = api.error(502, "Bad gateway: the upstream answer was lost.")
        }
        return (response, trickle)
    }

    /// Authenticates for the request's API and dispatches to its routes.
    func route(_ request: SandboxRequest, api: SandboxAPI, plan: FaultPlan) async -> SandboxResponse {
        switch api {
        case .chargify:
            guard chargifyAuthorized(request.authorization) else {
                // No WWW-Authenticate challenge: swift-corelibs URLSession stalls on a Basic challenge it
                // has no credential for (see DECISIONS.md).
                return SandboxResponse(
                    status: 401, headers: [("Content-Type", "text/plain; charset=utf-8")],
                    body: Array("HTTP Basic: Access denied.\n".utf8))
            }
            if request.path == "/mrr_movements.json", request.method == "GET" {
                return MRRMovementsRoute(company: await world.company, skewed: plan.skewsMRRMovements).handle(request)
            }
            return applyingPatches(await chargify(request), to: request)
        case .truto:
            guard request.authorization == "Bearer \(configuration.trutoToken)" else {
                return api.error(401, "Invalid API token: send Authorization: Bearer <token>.")
            }
            guard let account = request["integrated_account_id"], !account.isEmpty else {
                return api.error(400, "integrated_account_id is required as a query parameter.")
            }
            guard account == configuration.integratedAccountID else {
                return api.error(404, "Integrated account \(account) was not found.")
            }
            return await truto(request, plan: plan)
        case .ghl:
            guard request.authorization == "Bearer \(configuration.ghlToken)" else {
                return api.error(401, "Invalid JWT")
            }
            // GHL takes its v2 date version and `v3`, which its official SDKs send since 3.0.
            guard request.version == "2021-07-28" || request.version == "v3" else {
                return api.error(400, "Version header was not found or is not 2021-07-28 or v3.")
            }
            return await ghlLimited(request)
        }
    }

    func chargifyAuthorized(_ header: String?) -> Bool {
        guard let header, header.hasPrefix("Basic "),
            let data = Data(base64Encoded: String(header.dropFirst(6)).trimmed),
            let text = String(data: data, encoding: .utf8)
        else { return false }
        let user =
            text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return user == configuration.chargifyAPIKey
    }

    func chargify(_ request: SandboxRequest) async -> SandboxResponse {
        let segments = request.path.split(separator: "/").map(String.init)
        if ["POST", "PUT", "DELETE"].contains(request.method) {
            return await chargifyWrite(request, segments: segments)
        }
        guard request.method == "GET" else { return .chargifyErrors(405, ["Method not allowed: \(request.method)"]) }
        if let response = await actionRead(request, segments: segments) { return response }
        let company = await world.company
        let routes = ChargifyRoutes(
            company: company, engine: ListingEngine(cache: cache, version: company.version, records: records))
        return routes.handle(request, segments: segments) ?? ChargifyRoutes.notFoundResponse()
    }
}
