import BillingCore
import Foundation
import Testing

@testable import Sandbox

/// `/events.json` id bounds are served as a range of positions (binary search) and kept out of the
/// listing cache's key: every page must still be exactly what filtering every event would give, at page
/// boundaries, with and without other filters, and when one cached filtered listing serves many bounds.
@Suite struct EventPagingTests {
    /// A company whose world has lived a few weeks, so events are many and of every key.
    static func company() async -> Company {
        let world = SandboxWorld(TestSandbox.configuration(customers: 40))
        await world.advance(seconds: 20 * 86_400)
        return await world.company
    }

    static func eventIDs(_ routes: ChargifyRoutes, _ query: String) -> [Int] {
        let response = routes.handle(
            SandboxRequest(method: "GET", path: "/events.json", rawQuery: query), segments: ["events.json"])
        #expect(response?.status == 200, "\(query)")
        let list = (try? JSONSerialization.jsonObject(with: Data(response?.body ?? []))) as? [[String: Any]] ?? []
        return list.compactMap { ($0["event"] as? [String: Any])?["id"] as? Int }
    }

    /// What the listing must hold: every event passing every filter, in the requested order, paged.
    static func expected(
        _ company: Company, since: Int?, max: Int?, keys: Set<String> = [], from: Int64? = nil,
        ascending: Bool, page: Int, perPage: Int
    ) -> [Int] {
        var ids = company.events.filter { e in
            (since.map { e.id >= $0 } ?? true) && (max.map { e.id <= $0 } ?? true)
                && (keys.isEmpty || keys.contains(e.key)) && (from.map { e.createdAt >= $0 } ?? true)
        }.map(\.id)
        if !ascending { ids.reverse() }
        return Array(ids.dropFirst((page - 1) * perPage).prefix(perPage))
    }

    @Test func pagingBySinceIDAsTheFetcherDoesReturnsEveryEventOnceInOrder() async throws {
        let company = await Self.company()
        let routes = ChargifyRoutes(
            company: company, engine: ListingEngine(cache: ListingCache(), version: company.version))
        #expect(company.events.count > 250, "more than a page of 200")
        #expect(zip(company.events, company.events.dropFirst()).allSatisfy { $0.id < $1.id }, "events are in id order")
        for perPage in [1, 7, 200] where perPage > 1 || company.events.count < 5_000 {
            var seen: [Int] = []
            var since: Int?
            // Bounded, so a server that ignored `since_id` fails the test instead of looping for ever.
            for _ in 0...(company.events.count / perPage + 1) {
                let query = "per_page=\(perPage)&page=1&direction=asc" + (since.map { "&since_id=\($0)" } ?? "")
                let ids = Self.eventIDs(routes, query)
                #expect(
                    ids == Self.expected(company, since: since, max: nil, ascending: true, page: 1, perPage: perPage),
                    "\(query)")
                seen += ids
                guard ids.count == perPage, let last = ids.last else { break }
                since = last + 1
            }
            #expect(seen == company.events.map(\.id), "per_page=\(perPage)")
        }
    }

    @Test func idBoundsAtAndBetweenIDsAndPastTheEnds() async throws {
        let company = await Self.company()
        let routes = ChargifyRoutes(
            company: company, engine: ListingEngine(cache: ListingCache(), version: company.version))
        let ids = company.events.map(\.id)
        let middle = ids[ids.count / 2]
        let bounds: [Int?] = [
            nil, ids[0], ids[0] - 1, middle, middle + 1, ids[ids.count - 1], ids[ids.count - 1] + 1, -5, Int.max,
        ]
        for since in bounds {
            for max in bounds {
                for ascending in [true, false] {
                    for (page, perPage) in [(1, 20), (2, 7), (1, 200)] {
                        var query = "per_page=\(perPage)&page=\(page)" + (ascending ? "&direction=asc" : "")
                        if let since { query += "&since_id=\(since)" }
                        if let max { query += "&max_id=\(max)" }
                        let want = Self.expected(
                            company, since: since, max: max, ascending: ascending, page: page, perPage: perPage)
                        #expect(Self.eventIDs(routes, query) == want, "\(query)")
                    }
                }
            }
        }
    }

    /// A filtered listing is cached without its id bounds; other bounds must slice it, not reuse it whole.
    @Test func filteredListingsServeEveryBoundFromOneCachedScan() async throws {
        let company = await Self.company()
        let routes = ChargifyRoutes(
            company: company, engine: ListingEngine(cache: ListingCache(), version: company.version))
        let keys: Set<String> = ["payment_success", "renewal_success"]
        let from = company.events[company.events.count / 3].createdAt
        let stamp = Timestamp(secondsSinceEpoch: from).iso8601
        let ids = company.events.map(\.id)
        #expect(
            !Self.expected(
                company, since: nil, max: nil, keys: keys, from: from, ascending: true, page: 1, perPage: 200
            ).isEmpty)
        for since in [nil, ids[ids.count / 4], ids[ids.count / 2] + 1, ids[ids.count - 3]] {
            for max in [nil, ids[(ids.count * 3) / 4]] {
                for (page, perPage) in [(1, 5), (3, 5), (1, 200)] {
                    var query =
                        "per_page=\(perPage)&page=\(page)&direction=asc&filter=payment_success,renewal_success&start_datetime=\(stamp)"
                    if let since { query += "&since_id=\(since)" }
                    if let max { query += "&max_id=\(max)" }
                    let want = Self.expected(
                        company, since: since, max: max, keys: keys, from: from, ascending: true, page: page,
                        perPage: perPage)
                    #expect(Self.eventIDs(routes, query) == want, "\(query)")
                }
            }
        }
    }

    @Test func restrictingCachedPositionsToBounds() {
        let positions = [0, 3, 4, 9, 12]
        #expect(Array(ListingEngine.restrict(positions, to: 0..<13, count: 13, sorted: true)) == positions)
        #expect(Array(ListingEngine.restrict(positions, to: 3..<10, count: 13, sorted: true)) == [3, 4, 9])
        #expect(Array(ListingEngine.restrict(positions, to: 4..<4, count: 13, sorted: true)) == [])
        #expect(Array(ListingEngine.restrict(positions, to: 10..<13, count: 13, sorted: true)) == [12])
        let byKey = [9, 0, 12, 4, 3]
        #expect(Array(ListingEngine.restrict(byKey, to: 3..<10, count: 13, sorted: false)) == [9, 4, 3])
    }
}
