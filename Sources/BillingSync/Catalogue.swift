import BillingCore
import Foundation

/// The site's component price points and coupons, which subscriptions reference by id and code.
struct Catalogue: Sendable {
    /// price point id -> unit price text of its first tier ("10.0").
    var pricePointPrices: [String: String] = [:]
    /// component id -> default price point id.
    var defaultPricePoint: [String: String] = [:]
    var coupons: [String: CouponInfo] = [:]
    /// Listings that could not be read (403, 404, a listing that looped): what MRR leaves out and why, flagged
    /// on each subscription that needed them.
    var gaps: [MRRGap] = []

    /// The gaps that explain a missing component price or coupon.
    func gaps(_ part: MRRGap.Part) -> [MRRGap] { gaps.filter { $0.part == part } }

    struct CouponInfo: Sendable {
        var percentage: String?
        var amountInCents: Int64?
        var recurring: Bool
        var durationPeriods: Int?
        var endDate: LocalDate?
    }

    func unitPrice(componentID: String, pricePointID: String?, currency: Currency) -> Money? {
        guard let point = pricePointID ?? defaultPricePoint[componentID], let text = pricePointPrices[point] else {
            return nil
        }
        return try? Money.parse(text, currency: currency)
    }

    func coupon(code: String, currency: Currency, appliedAt: Timestamp?) -> Coupon? {
        guard let info = coupons[code] else { return nil }
        let discount: Coupon.Discount
        if let text = info.percentage, let p = ExactDecimal(parsing: text) {
            discount = .percentage(p)
        } else {
            discount = .amount(Money(minorUnits: info.amountInCents ?? 0, currency: currency))
        }
        return Coupon(
            code: code, discount: discount, recurring: info.recurring, durationPeriods: info.durationPeriods,
            appliedAt: appliedAt, endsAt: info.endDate.map { Timestamp(startOf: $0.adding(days: 1)) })
    }

    mutating func addComponents(_ components: [JSONFields]) {
        for raw in components {
            var o = JSONObject(raw)
            if let id = o.id("id"), let point = o.id("default_price_point_id") { defaultPricePoint[id] = point }
        }
    }

    mutating func addPricePoints(_ points: [JSONFields]) {
        for raw in points {
            var o = JSONObject(raw)
            guard let id = o.id("id"), var first = o.array("prices").first else { continue }
            pricePointPrices[id] = first.string("unit_price")
        }
    }

    mutating func addCoupons(_ list: [JSONFields]) {
        for raw in list {
            var o = JSONObject(raw)
            let code = o.string("code")
            guard !code.isEmpty else { continue }
            coupons[code] = CouponInfo(
                percentage: o.optionalString("percentage"), amountInCents: o.int("amount_in_cents"),
                recurring: o.bool("recurring"), durationPeriods: o.int("duration_period_count").map { Int($0) },
                endDate: o.date("end_date"))
        }
    }
}
