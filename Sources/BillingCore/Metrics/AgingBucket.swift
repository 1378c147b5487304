/// Where an unpaid invoice sits by days past its due date (never its issue date).
public enum AgingBucket: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case current
    case days1to30 = "1-30"
    case days31to60 = "31-60"
    case days61to90 = "61-90"
    case over90 = "90+"

    /// The bucket for whole days past due (0 or less: not yet due, `current`).
    public init(daysPastDue days: Int) {
        switch days {
        case ...0: self = .current
        case 1...30: self = .days1to30
        case 31...60: self = .days31to60
        case 61...90: self = .days61to90
        default: self = .over90
        }
    }

    /// True for every bucket but `current`.
    public var isOverdue: Bool { self != .current }

    /// The heading shown on screens and in CSV.
    public var label: String { rawValue }

    public static func < (a: AgingBucket, b: AgingBucket) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
