/// What an MRR figure was computed from; anything but `.subscriptions` is an estimate and says so.
public enum MRRBasis: String, Hashable, Sendable, Codable {
    /// Subscriptions, components and coupons (Chargify direct, or Truto through its proxy).
    case subscriptions
    /// Recurring invoice lines normalised by their service period (a source with only customers and invoices).
    case invoiceLineEstimate = "invoice_line_estimate"

    /// True when the figure is an estimate.
    public var isEstimate: Bool { self != .subscriptions }

    /// The label every surface prints next to the figure.
    public var label: String {
        switch self {
        case .subscriptions: "MRR from subscriptions"
        case .invoiceLineEstimate: "ESTIMATE: MRR from recurring invoice lines by service period (no subscription data)"
        }
    }
}
