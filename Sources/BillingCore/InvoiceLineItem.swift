/// One line of an invoice, with the service period it pays for.
public struct InvoiceLineItem: Hashable, Sendable, Codable {
    public var id: String
    public var title: String
    public var description: String
    public var quantity: ExactDecimal
    public var unitPrice: Money
    public var subtotal: Money
    public var discount: Money
    public var tax: Money
    public var total: Money
    public var periodStart: LocalDate?
    public var periodEnd: LocalDate?
    public var productID: String?
    public var componentID: String?
    /// The source's line kind when known ("baseline", "component", "usage", "one_time", "setup_fee", ...).
    public var kind: String
    /// True for a recurring charge (product or recurring component), as opposed to usage or a one-off.
    public var isRecurring: Bool

    public init(
        id: String, title: String, description: String = "", quantity: ExactDecimal = ExactDecimal(1),
        unitPrice: Money, subtotal: Money, discount: Money? = nil, tax: Money? = nil, total: Money,
        periodStart: LocalDate? = nil, periodEnd: LocalDate? = nil, productID: String? = nil,
        componentID: String? = nil, kind: String = "", isRecurring: Bool = false
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.subtotal = subtotal
        self.discount = discount ?? .zero(subtotal.currency)
        self.tax = tax ?? .zero(subtotal.currency)
        self.total = total
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.productID = productID
        self.componentID = componentID
        self.kind = kind
        self.isRecurring = isRecurring
    }
}
