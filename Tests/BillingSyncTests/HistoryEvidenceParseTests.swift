import BillingCore
import Foundation
import Testing

@testable import BillingSync

/// What the history's evidence reads from hostile bodies: an allocation is taken only for the subscription and
/// component asked about, with exact quantities; Chargify's movements report keeps magnitudes in their own
/// currency and counts what it cannot read instead of guessing.
@Suite struct HistoryEvidenceParseTests {
    static func fields(_ json: String) throws -> JSONFields {
        try #require(try JSONBody.parse(Data(json.utf8)).objectValue)
    }

    @Test func anAllocationIsReadOnlyForTheSubscriptionAndComponentAskedAbout() throws {
        let good = try Self.fields(
            #"{"allocation_id":77,"subscription_id":5,"component_id":9,"quantity":"15","previous_quantity":10.5,"timestamp":"2026-03-12T13:00:00-05:00","price_point_id":3}"#
        )
        let allocation = try #require(AllocationReader.allocation(good, subscription: "5", component: "9"))
        #expect(allocation.quantity == ExactDecimal(15) && allocation.previousQuantity == ExactDecimal(parsing: "10.5"))
        #expect(allocation.at == Timestamp(iso: "2026-03-12T18:00:00Z") && allocation.allocationID == 77)
        #expect(allocation.pricePointID == "3")
        // A body that names another subscription or component is not evidence for this one.
        #expect(AllocationReader.allocation(good, subscription: "6", component: "9") == nil)
        #expect(AllocationReader.allocation(good, subscription: "5", component: "8") == nil)
        let noTime = try Self.fields(#"{"quantity":2,"previous_quantity":1}"#)
        #expect(AllocationReader.allocation(noTime, subscription: "5", component: "9") == nil)
    }

    @Test func chargifysMovementsAreMagnitudesInTheirCurrencyAndTheUnreadableAreCounted() throws {
        let body = #"""
            {"mrr":{"page":1,"per_page":50,"total_pages":1,"currency":"USD","movements":[
              {"timestamp":"2026-05-15T12:00:00Z","amount_in_cents":-2500,"category":"churn"},
              {"timestamp":"2026-05-16T12:00:00Z","amount_in_cents":1000,"category":"new_business","currency":"EUR"},
              {"timestamp":"2026-05-17T12:00:00Z","amount_in_cents":300,"category":"upsell?"},
              {"timestamp":"not a time","amount_in_cents":300,"category":"expansion"},
              "not an object"
            ]}}
            """#
        let page = try ProviderMRRMovements.page(Data(body.utf8))
        #expect(page.count == 5 && page.skipped == 3 && page.totalPages == 1)
        #expect(
            page.movements == [
                MovementCrossCheck.ProviderMovement(
                    day: LocalDate(iso: "2026-05-15")!, kind: .churn, amount: Money(minorUnits: 2_500, currency: .usd)),
                MovementCrossCheck.ProviderMovement(
                    day: LocalDate(iso: "2026-05-16")!, kind: .new, amount: Money(minorUnits: 1_000, currency: .eur)),
            ])
        #expect(throws: (any Error).self) { try ProviderMRRMovements.page(Data("<html>".utf8)) }
    }
}
