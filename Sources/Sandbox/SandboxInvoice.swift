import BillingCore

/// A relationship-invoicing invoice. Amounts are minor units of `currency`; dates are days since 1970.
public struct SandboxInvoice: Sendable, Equatable {
    /// "inv_..." identity.
    public var uid: String
    /// Customer-facing number, increasing with issue order.
    public var number: Int
    public var customerID: Int
    public var subscriptionID: Int?
    /// "draft", "open", "pending", "processing", "paid", "voided" or "canceled".
    public var status: String
    /// "automatic" or "remittance".
    public var collectionMethod: String
    public var currency: Currency
    public var issueDay: Int
    public var dueDay: Int
    public var paidDay: Int?
    public var createdAt: Int64
    public var updatedAt: Int64
    public var subtotal: Int64
    public var discount: Int64
    public var tax: Int64
    public var credit: Int64
    public var refund: Int64
    public var productName: String
    public var memo: String
    public var lineItems: [SandboxLineItem]
    public var payments: [SandboxPayment]

    /// subtotal - discount + tax.
    public var total: Int64 { subtotal - discount + tax }
    /// Sum of applied payments.
    public var paid: Int64 { payments.reduce(0) { $0 + $1.appliedAmount } }
    /// total - credits - payments (never negative).
    public var due: Int64 {
        if status == "voided" || status == "canceled" { return 0 }
        return max(0, total - credit - paid)
    }
}
