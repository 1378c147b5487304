/// A payment applied to an invoice.
public struct SandboxPayment: Sendable, Equatable {
    public var transactionID: Int
    public var transactionTime: Int64
    public var memo: String
    public var originalAmount: Int64
    public var appliedAmount: Int64
    /// "credit_card", "bank_transfer" or "check".
    public var method: String
    public var cardBrand: String
    public var maskedCardNumber: String
}
