/// A payment applied to an invoice.
public struct Payment: Hashable, Sendable, Codable {
    public var id: String
    public var transactionTime: Timestamp?
    public var memo: String
    public var originalAmount: Money
    public var appliedAmount: Money
    /// "credit_card", "bank_transfer", "check", ... as the source names it.
    public var method: String
    /// Card brand and masked number, or similar, when known.
    public var methodDetail: String

    public init(
        id: String, transactionTime: Timestamp?, memo: String = "", originalAmount: Money, appliedAmount: Money,
        method: String = "", methodDetail: String = ""
    ) {
        self.id = id
        self.transactionTime = transactionTime
        self.memo = memo
        self.originalAmount = originalAmount
        self.appliedAmount = appliedAmount
        self.method = method
        self.methodDetail = methodDetail
    }
}
