/// A payment applied to an invoice.
public struct SandboxPayment: Sendable, Equatable {
    public var transactionID: Int
    public var transactionTime: Int64
    public var memo: String
    public var originalAmount: Int64
    public var appliedAmount: Int64
    /// "credit_card", "bank_transfer", "check", or "external" for one recorded through the API.
    public var method: String
    public var cardBrand: String
    public var maskedCardNumber: String
    /// An external payment's method as the client named it ("check", "ach", "other", ...).
    public var kind = ""
    /// An external payment's details ("Check #1234").
    public var details = ""
}
