/// Receivable aging by days past the due date.
public enum AgingBucket: String, Sendable, CaseIterable, Hashable {
    case current, days1to30, days31to60, days61to90, over90

    /// The bucket for an invoice `days` past due (0 or less: not yet due).
    public init(daysOverdue days: Int) {
        switch days {
        case ...0: self = .current
        case 1...30: self = .days1to30
        case 31...60: self = .days31to60
        case 61...90: self = .days61to90
        default: self = .over90
        }
    }

    public var label: String {
        switch self {
        case .current: "current"
        case .days1to30: "1-30"
        case .days31to60: "31-60"
        case .days61to90: "61-90"
        case .over90: "90+"
        }
    }
}
