/// Something a write did outside the records a client reads back: a mail sent, a payment taken, a note
/// left. Tests count these to prove an action happened exactly once (`SandboxServer.sideEffects()`).
public struct SandboxSideEffect: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// An invoice sent again by e-mail (`POST /invoices/{uid}/deliveries.json`).
        case delivery
        /// A card-update e-mail (`POST /subscriptions/{id}/request_payment_profiles_update.json`).
        case cardUpdateEmail
        /// An external payment recorded on an invoice (`POST /invoices/{uid}/payments.json`).
        case payment
        /// A note left on a subscription (`POST /subscriptions/{id}/notes.json`).
        case note
        /// A retry charged the payment method on file (`PUT /subscriptions/{id}/retry.json`), paid or declined:
        /// the money-moving side of a retry, which must happen once per confirmed retry.
        case chargeAttempt
    }

    public var kind: Kind
    /// When it happened, world clock (seconds since 1970).
    public var worldTime: Int64
    public var invoiceUID: String?
    public var subscriptionID: Int?
    public var customerID: Int?
    /// To, cc and bcc of a delivery or a card-update e-mail.
    public var recipients: [String] = []
    public var cc: [String] = []
    public var bcc: [String] = []
    /// A payment's amount in minor units of the invoice's currency.
    public var amount: Int64?
    /// A payment's memo or a note's body.
    public var text: String = ""
}
