import BillingCore

/// The fixed product catalogue: plan families, plans in four currencies, components, price points, coupons.
enum CatalogueGenerator {
    struct Catalogue {
        var families: [SandboxProductFamily] = []
        var products: [SandboxProduct] = []
        var components: [SandboxComponent] = []
        var pricePoints: [SandboxPricePoint] = []
        var coupons: [SandboxCoupon] = []
    }

    /// Plans: (name, handle suffix, USD price in cents, interval, unit, trial days, family index).
    static let plans: [(String, String, Int64, Int, BillingInterval.Unit, Int?, Int)] = [
        ("Starter", "starter-monthly", 2_900, 1, .month, 14, 0),
        ("Pro", "pro-monthly", 9_900, 1, .month, 14, 0),
        ("Pro Quarterly", "pro-quarterly", 27_900, 3, .month, nil, 0),
        ("Business Annual", "business-annual", 499_000, 12, .month, nil, 1),
        ("Sprint Pass", "sprint-7-day", 900, 7, .day, nil, 2),
    ]
    static let currencies: [Currency] = [.usd, .eur, .gbp, .jpy]

    /// USD cents -> minor units of another currency at a round, fixed rate.
    static func convert(_ usdCents: Int64, to currency: Currency) -> Int64 {
        switch currency.code {
        case "EUR": return usdCents * 9 / 10
        case "GBP": return usdCents * 8 / 10
        case "JPY": return usdCents * 150 / 100
        default: return usdCents
        }
    }

    static func generate(epoch: Int64) -> Catalogue {
        var catalogue = Catalogue()
        let familyNames = [
            ("Core Platform", "core-platform"), ("Enterprise", "enterprise"), ("Short Passes", "short-passes"),
        ]
        for (offset, family) in familyNames.enumerated() {
            catalogue.families.append(
                SandboxProductFamily(
                    id: 61_001 + offset, name: family.0, handle: family.1,
                    description: "\(family.0) plans and add-ons", createdAt: epoch + Int64(offset) * 3_600))
        }
        var productID = 5_200_001
        var productPricePointID = 1_800_001
        for currency in currencies {
            for plan in plans {
                let suffix = currency == .usd ? "" : " (\(currency.code))"
                let handle = currency == .usd ? plan.1 : "\(plan.1)-\(currency.code.lowercased())"
                catalogue.products.append(
                    SandboxProduct(
                        id: productID, familyID: catalogue.families[plan.6].id, name: plan.0 + suffix, handle: handle,
                        description: "\(plan.0) plan billed in \(currency.code)",
                        priceInCents: convert(plan.2, to: currency),
                        currency: currency, interval: plan.3, intervalUnit: plan.4, trialDays: plan.5,
                        pricePointID: productPricePointID, createdAt: epoch + Int64(productID % 1000) * 60))
                productID += 1
                productPricePointID += 1
            }
        }
        // Components: (name, handle, kind, unit, USD cents per unit).
        let componentSpecs: [(String, String, String, String, Int64)] = [
            ("Seats", "seats", "quantity_based_component", "seat", 1_000),
            ("Priority Support", "priority-support", "on_off_component", "add-on", 4_900),
            ("API Calls", "api-calls", "metered_component", "1,000 calls", 50),
            ("Storage Credits", "storage-credits", "prepaid_usage_component", "GB", 25),
        ]
        var componentID = 910_001
        var pricePointID = 2_400_001
        var priceID = 3_100_001
        for currency in currencies {
            for spec in componentSpecs {
                let suffix = currency == .usd ? "" : " (\(currency.code))"
                let handleSuffix = currency == .usd ? "" : "-\(currency.code.lowercased())"
                let unit = convert(spec.4, to: currency)
                catalogue.pricePoints.append(
                    SandboxPricePoint(
                        id: pricePointID, componentID: componentID, name: "Original", handle: "original",
                        pricingScheme: "per_unit", unitPriceInCents: unit, priceID: priceID, isDefault: true,
                        createdAt: epoch + 7_200))
                let defaultPoint = pricePointID
                pricePointID += 1
                priceID += 1
                if spec.2 == "quantity_based_component" {
                    // Grandfathered customers keep an older, cheaper seat price.
                    catalogue.pricePoints.append(
                        SandboxPricePoint(
                            id: pricePointID, componentID: componentID, name: "Legacy 2024", handle: "legacy-2024",
                            pricingScheme: "per_unit", unitPriceInCents: unit * 8 / 10, priceID: priceID,
                            isDefault: false,
                            createdAt: epoch + 3_600))
                    pricePointID += 1
                    priceID += 1
                }
                catalogue.components.append(
                    SandboxComponent(
                        id: componentID, familyID: catalogue.families[0].id, name: spec.0 + suffix,
                        handle: spec.1 + handleSuffix, kind: spec.2, unitName: spec.3, currency: currency,
                        defaultPricePointID: defaultPoint, createdAt: epoch + 7_200))
                componentID += 1
            }
        }
        let family = catalogue.families[0].id
        catalogue.coupons = [
            SandboxCoupon(
                id: 770_001, familyID: family, name: "Half off forever", code: "HALFOFF",
                description: "50% off every period", percentage: "50.0", amountInCents: nil,
                recurring: true, durationPeriodCount: nil, endDay: nil, createdAt: epoch),
            SandboxCoupon(
                id: 770_002, familyID: family, name: "Welcome 12.5% for 3 periods", code: "WELCOME125",
                description: "12.5% off the first three periods", percentage: "12.5", amountInCents: nil,
                recurring: true, durationPeriodCount: 3, endDay: nil, createdAt: epoch),
            SandboxCoupon(
                id: 770_003, familyID: family, name: "$10 off", code: "TENOFF",
                description: "10.00 off every period", percentage: nil, amountInCents: 1_000,
                recurring: true, durationPeriodCount: nil, endDay: nil, createdAt: epoch),
            SandboxCoupon(
                id: 770_004, familyID: family, name: "Launch credit", code: "LAUNCH25",
                description: "25.00 off the first period", percentage: nil, amountInCents: 2_500,
                recurring: false, durationPeriodCount: nil, endDay: nil, createdAt: epoch),
        ]
        addRetired(to: &catalogue, epoch: epoch)
        return catalogue
    }
}
