import BillingCore
import Foundation

extension CatalogueGenerator {
    /// Retired add-ons: (name, handle, kind, unit, USD cents per unit). Listed like any component, sold to
    /// no new subscription.
    static let retiredComponentSpecs: [(String, String, String, String, Int64)] = [
        ("Onboarding Package", "onboarding-package", "on_off_component", "package", 19_900),
        ("Single Sign-On", "single-sign-on", "on_off_component", "add-on", 9_900),
        ("Audit Log", "audit-log", "on_off_component", "add-on", 2_900),
        ("Extra Workspace", "extra-workspace", "quantity_based_component", "workspace", 1_500),
        ("Sandbox Environment", "sandbox-environment", "on_off_component", "add-on", 4_900),
        ("Data Export", "data-export", "metered_component", "export", 100),
        ("White Label", "white-label", "on_off_component", "add-on", 14_900),
        ("Dedicated IP", "dedicated-ip", "quantity_based_component", "address", 3_000),
        ("Phone Support", "phone-support", "on_off_component", "add-on", 7_900),
        ("Custom Domain", "custom-domain", "quantity_based_component", "domain", 500),
    ]
    static let retiredCouponSeasons = ["SPRING", "SUMMER", "AUTUMN", "WINTER", "BLACKFRIDAY", "CYBER"]

    /// A real site's catalogue is more than a page of each listing at Maxio's defaults (20 components and
    /// price points, 30 coupons): 40 retired components (one price point each) and 36 coupons whose
    /// campaigns ended, all with ids below the current ones. Listings are in id order, so what current
    /// subscriptions use sits on the later pages, where a reader of the first page alone never looks.
    ///
    /// They draw nothing from the generator's random streams (subscriptions pick only what is on sale),
    /// so the generated customers, subscriptions and invoices are those of a catalogue without them.
    static func addRetired(to catalogue: inout Catalogue, epoch: Int64) {
        var components: [SandboxComponent] = []
        var points: [SandboxPricePoint] = []
        var componentID = 900_001
        var pricePointID = 2_300_001
        var priceID = 3_000_001
        for currency in currencies {
            for spec in retiredComponentSpecs {
                let suffix = currency == .usd ? "" : " (\(currency.code))"
                let handleSuffix = currency == .usd ? "" : "-\(currency.code.lowercased())"
                points.append(
                    SandboxPricePoint(
                        id: pricePointID, componentID: componentID, name: "Original", handle: "original",
                        pricingScheme: "per_unit",
                        unitPriceInCents: convert(spec.4, to: currency), priceID: priceID, isDefault: true,
                        createdAt: epoch + 3_600))
                components.append(
                    SandboxComponent(
                        id: componentID, familyID: catalogue.families[0].id, name: spec.0 + suffix,
                        handle: spec.1 + handleSuffix,
                        kind: spec.2, unitName: spec.3, currency: currency, defaultPricePointID: pricePointID,
                        createdAt: epoch + 3_600, offered: false))
                componentID += 1
                pricePointID += 1
                priceID += 1
            }
        }
        var coupons: [SandboxCoupon] = []
        let firstDay = Int(SandboxClock.dayNumber(epoch))
        for (index, season) in retiredCouponSeasons.enumerated() {
            for year in 0..<6 {
                let ordinal = index * 6 + year
                let percent = 10 + 5 * (ordinal % 5)
                coupons.append(
                    SandboxCoupon(
                        id: 760_001 + ordinal, familyID: catalogue.families[0].id,
                        name: "\(season.capitalized) campaign \(year + 1)",
                        code: "\(season)\(year + 1)", description: "\(percent)% off for a campaign that has ended",
                        percentage: "\(percent).0", amountInCents: nil, recurring: true,
                        durationPeriodCount: 1 + ordinal % 3,
                        endDay: firstDay + 30 * (ordinal + 1), createdAt: epoch, offered: false))
            }
        }
        catalogue.components = components + catalogue.components
        catalogue.pricePoints = points + catalogue.pricePoints
        catalogue.coupons = coupons + catalogue.coupons
    }
}
