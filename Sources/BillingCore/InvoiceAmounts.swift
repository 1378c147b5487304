/// A set of an invoice's own amounts (not its lines' or payments'): which of them the source sent in a form
/// billtop could not read (beyond what it can hold, not a number, an object). Such an amount is zero in
/// its field, so every output must ask this set first and show it as unreadable, never as 0.00.
public struct InvoiceAmounts: OptionSet, Hashable, Sendable, Codable {
    public let rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let subtotal = InvoiceAmounts(rawValue: 1 << 0)
    public static let discount = InvoiceAmounts(rawValue: 1 << 1)
    public static let tax = InvoiceAmounts(rawValue: 1 << 2)
    public static let total = InvoiceAmounts(rawValue: 1 << 3)
    public static let credit = InvoiceAmounts(rawValue: 1 << 4)
    public static let paid = InvoiceAmounts(rawValue: 1 << 5)
    public static let refund = InvoiceAmounts(rawValue: 1 << 6)
    public static let due = InvoiceAmounts(rawValue: 1 << 7)

    /// What every output prints in place of an unreadable amount (table, CSV and JSON alike: a script that
    /// reads the decimal string fails on it, where a JSON null reads as 0 in many tools).
    public static let marker = "unreadable"
}
