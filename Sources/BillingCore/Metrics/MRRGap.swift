/// A part of a source's catalogue that billtop could not read, so that MRR leaves it out: component prices
/// or coupons (a key without that permission, an older site without the listing).
///
/// It travels as a flag on every subscription it touches (the records' flag mechanism, so it is stored,
/// shown with the record and cleared when a later sync maps the subscription whole), and is read back from
/// those flags to say which figures are incomplete and why.
public struct MRRGap: Hashable, Sendable, Comparable {
    /// What MRR leaves out.
    public enum Part: String, Hashable, Sendable, CaseIterable {
        /// Component prices: a component line counts at zero.
        case components
        /// Coupon discounts: MRR is counted before them.
        case coupons
    }

    public var part: Part
    /// Why, naming the request: "GET /components.json answered 403 Forbidden". Built by billtop from the
    /// method, path (no query) and status, never from the server's text, so it is safe to show and to group by.
    public var reason: String

    public init(part: Part, reason: String) {
        self.part = part
        self.reason = reason
    }

    /// Every gap flag starts with this (the store finds flagged subscriptions by it).
    public static let flagPrefix = "MRR excludes "

    /// The flag on an affected subscription: "MRR excludes components: GET /components.json answered 403 Forbidden".
    public var flag: String { Self.flagPrefix + part.rawValue + ": " + reason }

    /// The gap a flag states, or nil for any other flag.
    public init?(flag: String) {
        guard flag.hasPrefix(Self.flagPrefix) else { return nil }
        let rest = flag.dropFirst(Self.flagPrefix.count)
        guard let colon = rest.firstIndex(of: ":"), let part = Part(rawValue: String(rest[..<colon])) else {
            return nil
        }
        let reason = rest[rest.index(after: colon)...].drop { $0 == " " }
        guard !reason.isEmpty else { return nil }
        self.init(part: part, reason: String(reason))
    }

    public static func < (a: MRRGap, b: MRRGap) -> Bool { (a.part.rawValue, a.reason) < (b.part.rawValue, b.reason) }
}
