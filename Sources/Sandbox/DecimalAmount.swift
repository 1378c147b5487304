/// A money amount as a client sends it ("12.34") turned into minor units, strictly: digits with at most
/// `exponent` decimals, no sign, no exponent notation, no grouping. The sandbox parses for itself rather
/// than through BillingCore, so it does not share the client's reading of amounts.
enum DecimalAmount {
    static func minorUnits(_ text: String, exponent: Int) -> Int64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 12 else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || !fraction.isEmpty, fraction.count <= exponent,
            (parts[0] + fraction).allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        let padded = fraction + String(repeating: "0", count: exponent - fraction.count)
        return Int64(parts[0] + padded)
    }
}
