/// What changed on screen after an action, so the loop can skip frames where nothing did.
public struct Redraw: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let header = Redraw(rawValue: 1 << 0)
    public static let footer = Redraw(rawValue: 1 << 1)
    public static let status = Redraw(rawValue: 1 << 2)
    public static let customers = Redraw(rawValue: 1 << 3)
    public static let invoices = Redraw(rawValue: 1 << 4)
    public static let dunning = Redraw(rawValue: 1 << 5)
    public static let mrr = Redraw(rawValue: 1 << 6)
    public static let body = Redraw(rawValue: 1 << 7)
    public static let overlay = Redraw(rawValue: 1 << 8)

    public static let none: Redraw = []
    public static let all: Redraw = [.header, .footer, .status, .customers, .invoices, .dunning, .mrr, .body, .overlay]

    /// The flag of one pane.
    public static func pane(_ pane: Pane) -> Redraw {
        switch pane {
        case .customers: .customers
        case .invoices: .invoices
        case .dunning: .dunning
        case .mrr: .mrr
        }
    }
}
