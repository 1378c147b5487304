/// The card on a subscription, as far as Chargify reveals it.
public struct SandboxCreditCard: Sendable, Equatable {
    public var id: Int
    public var firstName: String
    public var lastName: String
    public var cardType: String
    public var maskedCardNumber: String
    public var expirationMonth: Int
    public var expirationYear: Int
}
