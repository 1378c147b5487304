import BillingCore
import Foundation
import Testing

@testable import Sandbox

/// The catalogue listings are paged as Maxio pages them (components and price points 20 to a page by
/// default, coupons 30, `per_page` up to 200), directly and through Truto's proxy cursor, and the generated
/// catalogue spans more than one page of each, with what subscriptions use past the first page.
@Suite struct CataloguePagingTests {
    /// Every page of a Chargify listing at `perPage` (nil: the listing's default), and the pages' sizes.
    static func pages(_ client: HTTPTestClient, _ path: String, key: String?, perPage: Int?) async throws -> (
        items: [[String: Any]], sizes: [Int]
    ) {
        var items: [[String: Any]] = []
        var sizes: [Int] = []
        for page in 1...100 {
            let query = (perPage.map { "per_page=\($0)&" } ?? "") + "page=\(page)"
            let reply = try await client.get("\(path)?\(query)")
            #expect(reply.status == 200, "\(path): \(reply.text.prefix(200))")
            let list = key.map { reply.object[$0] as? [[String: Any]] ?? [] } ?? reply.array
            sizes.append(list.count)
            items += list
            if list.isEmpty { break }
        }
        return (items, sizes)
    }

    /// The page sizes of `count` items at `perPage`: full pages, the rest, then the empty page that ends it.
    static func sizes(_ count: Int, _ perPage: Int) -> [Int] {
        Array(repeating: perPage, count: count / perPage) + (count % perPage > 0 ? [count % perPage] : []) + [0]
    }

    static func id(_ element: [String: Any], _ name: String?) -> Int? {
        (name.flatMap { element[$0] as? [String: Any] } ?? element)["id"] as? Int
    }

    @Test func everyCatalogueListingPagesAtMaxiosDefaultsAndClampsAt200() async throws {
        let (server, client) = try await TestSandbox.start(customers: 40)
        defer { Task { await server.stop() } }
        let company = await server.world.company
        let listings: [(String, String?, String?, Int, [Int])] = [
            ("/components.json", nil, "component", 20, company.components.map(\.id)),
            ("/components_price_points.json", "price_points", nil, 20, company.pricePoints.map(\.id)),
            ("/coupons.json", nil, "coupon", 30, company.coupons.map(\.id)),
        ]
        for (path, key, name, perPage, ids) in listings {
            #expect(ids.count > perPage, "\(path): \(ids.count) items fit one page of \(perPage)")
            let defaults = try await Self.pages(client, path, key: key, perPage: nil)
            #expect(defaults.items.map { Self.id($0, name) } == ids, "\(path)")
            #expect(defaults.sizes == Self.sizes(ids.count, perPage), "\(path): \(defaults.sizes)")
            let sevens = try await Self.pages(client, path, key: key, perPage: 7)
            #expect(sevens.items.map { Self.id($0, name) } == ids, "\(path) at 7")
            #expect(sevens.sizes == Self.sizes(ids.count, 7), "\(path): \(sevens.sizes)")
            let clamped = try await Self.pages(client, path, key: key, perPage: 500)
            #expect(clamped.sizes.first == min(200, ids.count), "\(path): per_page=500 is 200")
        }
        // One component's price points are paged too.
        let seats = try #require(company.components.first { $0.offered && $0.kind == "quantity_based_component" })
        let own = try await Self.pages(
            client, "/components/\(seats.id)/price_points.json", key: "price_points", perPage: 1)
        #expect(
            own.items.map { $0["id"] as? Int } == company.pricePoints.filter { $0.componentID == seats.id }.map(\.id))
        #expect(own.sizes.count == 3, "two price points at one per page, then an empty page: \(own.sizes)")
    }

    @Test func whatSubscriptionsUseIsNotAllOnTheFirstPage() async throws {
        let company = CompanyGenerator.generate(TestSandbox.configuration(customers: 60))
        let used = Set(company.subscriptions.flatMap { $0.components.map(\.componentID) })
        let usedPoints = Set(company.subscriptions.flatMap { $0.components.map(\.pricePointID) })
        let usedCoupons = Set(company.subscriptions.flatMap(\.couponCodes))
        #expect(!used.isEmpty && !usedCoupons.isEmpty)
        // Past the first page at Maxio's defaults, and past the first page of 25 (the tests' page size).
        for size in [20, 25] {
            #expect(!used.isDisjoint(with: company.components.dropFirst(size).map(\.id)))
            #expect(
                used.isDisjoint(with: company.components.prefix(size).map(\.id)), "used components on page 1 of \(size)"
            )
            #expect(usedPoints.isDisjoint(with: company.pricePoints.prefix(size).map(\.id)))
        }
        #expect(usedCoupons.isDisjoint(with: company.coupons.prefix(30).map(\.code)))
        // Retired items are listed but sold to no subscription.
        #expect(used.isSubset(of: company.components.filter(\.offered).map(\.id)))
        #expect(usedCoupons.isSubset(of: company.coupons.filter(\.offered).map(\.code)))
    }

    @Test func theProxyPagesTheCatalogueByCursor() async throws {
        let (server, _) = try await TestSandbox.start(customers: 10)
        defer { Task { await server.stop() } }
        let company = await server.world.company
        let truto = TrutoTests.client(server)
        let account = company.integratedAccountID
        let components = try await TrutoTests.all(truto, "/proxy/components?limit=7", account: account)
        #expect(components.map { Self.id($0, "component") } == company.components.map(\.id))
        let points = try await TrutoTests.all(truto, "/proxy/components_price_points?limit=7", account: account)
        #expect(points.map { $0["id"] as? Int } == company.pricePoints.map(\.id))
        let coupons = try await TrutoTests.all(truto, "/proxy/coupons?limit=7", account: account)
        #expect(coupons.map { Self.id($0, "coupon") } == company.coupons.map(\.id))
        let seats = try #require(company.components.first { $0.offered && $0.kind == "quantity_based_component" })
        let own = try await TrutoTests.all(
            truto, "/proxy/components/\(seats.id)/price_points?limit=1", account: account)
        #expect(own.map { $0["id"] as? Int } == company.pricePoints.filter { $0.componentID == seats.id }.map(\.id))
        let pages =
            (company.components.count + 6) / 7 + (company.pricePoints.count + 6) / 7 + (company.coupons.count + 6) / 7
        #expect(await server.requestCount(pathPrefix: "/proxy/co") >= pages)
    }

    @Test func aForbiddenEndpointAnswers403InTheAPIsOwnShape() async throws {
        let faults = FaultPlan(forbiddenEndpoints: ["/components.json", "/proxy/coupons"])
        let (server, client) = try await TestSandbox.start(customers: 5, faults: faults)
        defer { Task { await server.stop() } }
        let account = await server.world.company.integratedAccountID
        let direct = try await client.get("/components.json")
        #expect(direct.status == 403 && (direct.object["errors"] as? [String])?.isEmpty == false)
        let proxied = try await TrutoTests.client(server).get("/proxy/coupons?integrated_account_id=\(account)")
        #expect(proxied.status == 403 && proxied.object["statusCode"] as? Int == 403)
        // Everything else is served as usual.
        #expect(try await client.get("/coupons.json").status == 200)
        #expect(
            try await TrutoTests.client(server).get("/proxy/components?integrated_account_id=\(account)").status == 200)
    }
}
