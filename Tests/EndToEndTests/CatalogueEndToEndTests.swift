import BillingCore
import BillingStore
import BillingSync
import BilltopApp
import Foundation
import Sandbox
import TUIKit
import Testing

/// The catalogue through the whole path, on both paths: its listings span several pages (25 to a page, the
/// sandbox's retired components and coupons ahead of the current ones), and `billtop mrr --json` equals the
/// plain computation over the sandbox's own world; a listing that answers 403 or 404 leaves the sync whole,
/// flags the subscriptions that needed it, and `billtop mrr` (text and JSON) and the MRR pane say so.
@Suite(.serialized) struct CatalogueEndToEndTests {
    /// `billtop mrr` on the store at `db` as of `day`, with `--json` or as text.
    static func mrr(db: String, day: LocalDate, json: Bool) async throws -> ReliabilityProcess.Result {
        let home = try ReliabilityProcess.workDirectory("catalogue-mrr")
        let arguments = ["mrr", "--db", db, "--as-of", day.description] + (json ? ["--json"] : [])
        let result = try await ReliabilityProcess.run(
            arguments, environment: ReliabilityProcess.environment(home: home), directory: home)
        #expect(result.status == 0, "billtop mrr: \(result.stderrText)")
        return result
    }

    /// The JSON document of each source, by name.
    static func documents(_ result: ReliabilityProcess.Result) throws -> [String: [String: Any]] {
        let root = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let sources = try #require(root["sources"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: sources.map { ($0["source"] as? String ?? "?", $0) })
    }

    /// Currency code -> MRR decimal text, without zero currencies.
    static func mrrByCurrency(_ document: [String: Any]) -> [String: String] {
        var result: [String: String] = [:]
        for entry in document["currencies"] as? [[String: Any]] ?? [] {
            guard let code = entry["currency"] as? String, let mrr = entry["mrr"] as? String else { continue }
            if let currency = Currency(code), (try? Money.parse(mrr, currency: currency))?.isZero == true { continue }
            result[code] = mrr
        }
        return result
    }

    /// The plain computation's MRR per currency as the JSON writes it.
    static func plain(_ company: Company, on day: LocalDate) -> [String: String] {
        var totals: [Currency: Int64] = [:]
        for (_, perCurrency) in PlainMetrics.mrrByCustomer(company, on: day) {
            for (currency, amount) in perCurrency { totals[currency, default: 0] += amount }
        }
        var result: [String: String] = [:]
        for (currency, amount) in totals where amount != 0 {
            result[currency.code] = Money(minorUnits: amount, currency: currency).decimalString
        }
        return result
    }

    @Test func theCatalogueAcrossPagesOnBothPathsGivesBilltopMrrThePlainFigure() async throws {
        let h = try await SandboxHarness.start(customers: 60, seed: 11)
        defer { Task { await h.stop() } }
        let result = await (try h.runner([h.source(.chargify), h.source(.truto)])).runOnce()
        #expect(result.ok, "\(result.failures)")
        let company = await h.server.world.company
        let log = await h.server.requestLog()
        // Chargify: page 1 to the short last page of each listing, 25 to a page.
        for (path, count) in [
            ("/components.json", company.components.count),
            ("/components_price_points.json", company.pricePoints.count),
            ("/coupons.json", company.coupons.count),
        ] {
            let pages = log.filter { $0.path == path }.compactMap { $0.parameter("page") }
            #expect(pages == (1...(count / 25 + 1)).map(String.init), "\(path): \(pages)")
        }
        // Truto: the first page, then a cursor to the end.
        for path in ["/proxy/components", "/proxy/components_price_points", "/proxy/coupons"] {
            let asked = log.filter { $0.path == path }
            #expect(
                asked.count >= 2 && asked.dropFirst().allSatisfy { $0.parameter("next_cursor") != nil },
                "\(path): \(asked.count)")
        }
        let day = company.now.utcDate
        let expected = Self.plain(company, on: day)
        #expect(!expected.isEmpty)
        let documents = try Self.documents(try await Self.mrr(db: h.store.path, day: day, json: true))
        for name in ["acme", "acme-truto"] {
            let document = try #require(documents[name], "no JSON for \(name)")
            #expect(Self.mrrByCurrency(document) == expected, "\(name)")
            #expect(document["complete"] as? Bool == true && (document["incomplete"] as? [Any])?.isEmpty == true)
        }
    }

    /// A Truto cursor of a catalogue listing that expires: the listing is read again from its start, and
    /// nothing is missing from MRR.
    @Test func anExpiredCatalogueCursorRestartsThatListing() async throws {
        let faults = FaultPlan(expiredCursorRequests: 1...1, expiredCursorPaths: ["/proxy/coupons"])
        let h = try await SandboxHarness.start(customers: 60, seed: 11, faults: faults)
        defer { Task { await h.stop() } }
        let result = await (try h.runner([h.source(.truto)])).runOnce()
        #expect(result.ok, "\(result.failures)")
        let log = await h.server.requestLog().filter { $0.path == "/proxy/coupons" }
        #expect(log.map(\.status).filter { $0 == 400 }.count == 1)
        #expect(log.filter { $0.parameter("next_cursor") == nil }.count == 2, "the listing starts again once")
        let source = try #require(try h.store.sources().first)
        #expect(try h.store.mrrGaps(sourceID: source.id).isEmpty)
        let company = await h.server.world.company
        let document = try #require(
            try Self.documents(try await Self.mrr(db: h.store.path, day: company.now.utcDate, json: true)).values.first)
        #expect(Self.mrrByCurrency(document) == Self.plain(company, on: company.now.utcDate))
    }

    /// A catalogue fault, the gap it leaves, and the plain MRR without what it hides.
    struct GapCase: Sendable, CustomStringConvertible {
        var kind: SourceConfig.Kind
        var faults: FaultPlan
        var flag: String
        /// Which of the sandbox's subscriptions need the listing.
        var needs: @Sendable (SandboxSubscription) -> Bool
        /// The sandbox's world as MRR sees it without the listing.
        var without: @Sendable (inout SandboxSubscription) -> Void
        var description: String { flag }
    }

    static let gapCases: [GapCase] = [
        GapCase(
            kind: .chargify, faults: FaultPlan(forbiddenEndpoints: ["/components_price_points.json"]),
            flag: "MRR excludes components: GET /components_price_points.json answered 403 Forbidden",
            needs: { !$0.components.isEmpty }, without: { $0.components = [] }),
        GapCase(
            kind: .truto, faults: FaultPlan(forbiddenEndpoints: ["/proxy/coupons"]),
            flag: "MRR excludes coupons: GET /proxy/coupons answered 403 Forbidden",
            needs: { !$0.couponCodes.isEmpty }, without: { $0.couponCodes = [] }),
        GapCase(
            kind: .chargify, faults: FaultPlan(missingEndpoints: ["/coupons.json"]),
            flag: "MRR excludes coupons: GET /coupons.json answered 404 Not Found",
            needs: { !$0.couponCodes.isEmpty }, without: { $0.couponCodes = [] }),
    ]

    @Test(arguments: gapCases)
    func aCatalogueListingThatAnswers403Or404IsAFlaggedGapNotAFailedSync(_ gap: GapCase) async throws {
        let h = try await SandboxHarness.start(customers: 60, seed: 11, faults: gap.faults)
        defer { Task { await h.stop() } }
        let result = await (try h.runner([h.source(gap.kind)])).runOnce()
        #expect(result.ok, "\(result.failures)")
        let company = await h.server.world.company
        let source = try #require(try h.store.sources().first)
        // Customers, subscriptions and invoices all synced.
        #expect(try h.store.allCustomers(sourceID: source.id).count == company.customers.count)
        #expect(try h.store.allSubscriptions(sourceID: source.id).count == company.subscriptions.count)
        #expect(try h.store.allInvoices(sourceID: source.id).count == company.invoices.count)
        // Exactly the subscriptions that needed the listing carry the flag.
        let flagged = Set(
            try h.store.allSubscriptions(sourceID: source.id).filter { $0.flags.contains(gap.flag) }.map(\.value.id))
        let needing = Set(company.subscriptions.filter(gap.needs).map { String($0.id) })
        #expect(!needing.isEmpty && flagged == needing, "\(flagged.count) flagged, \(needing.count) need it")
        let counted = "\(gap.flag) (\(needing.count) subscription\(needing.count == 1 ? "" : "s"))"

        // billtop mrr says so, in text and JSON, and its figure is the plain one without what the gap hides.
        let day = company.now.utcDate
        let text = try await Self.mrr(db: h.store.path, day: day, json: false).stdoutText
        #expect(text.contains("INCOMPLETE: \(counted)"), "\(text)")
        let document = try #require(
            try Self.documents(try await Self.mrr(db: h.store.path, day: day, json: true)).values.first)
        #expect(document["complete"] as? Bool == false)
        let incomplete = try #require((document["incomplete"] as? [[String: Any]])?.first)
        #expect(incomplete["message"] as? String == counted && incomplete["subscriptions"] as? Int == needing.count)
        var hidden = company
        for index in hidden.subscriptions.indices { gap.without(&hidden.subscriptions[index]) }
        #expect(Self.mrrByCurrency(document) == Self.plain(hidden, on: day))

        // The MRR pane says so above the figures.
        let data = StoreDashboardData(store: h.store)
        try data.refresh(asOf: day)
        var state = AppState(width: 120, height: 40, now: company.now, asOf: day)
        state.mrr = try data.mrr(asOf: day)
        #expect(state.mrr?.incomplete == [counted])
        var grid = CellGrid(width: 160, height: 16)
        MRRPaneView.render(state, into: &grid, box: grid.bounds, focused: true)
        let pane = grid.text
        #expect(pane.contains("incomplete: \(counted)"), "\(pane)")
    }
}
