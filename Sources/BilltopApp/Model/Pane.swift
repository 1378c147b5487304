/// The four dashboard panes, in tab order (their number is the key that jumps to them).
public enum Pane: Int, Sendable, CaseIterable, Hashable {
    case customers = 1, invoices, dunning, mrr

    public var title: String {
        switch self {
        case .customers: "Customers"
        case .invoices: "Invoices"
        case .dunning: "Dunning"
        case .mrr: "MRR"
        }
    }

    public var next: Pane { Pane(rawValue: rawValue % 4 + 1)! }
    public var previous: Pane { Pane(rawValue: (rawValue + 2) % 4 + 1)! }
}
