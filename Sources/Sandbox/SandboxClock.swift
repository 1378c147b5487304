import BillingCore

/// Calendar arithmetic on seconds-since-1970 times, as billing periods need it.
enum SandboxClock {
    static let day: Int64 = 86_400

    static func dayNumber(_ time: Int64) -> Int { Int(floorDiv(time, day)) }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : (a - b + 1) / b }

    /// `time` moved by `months` calendar months, keeping the time of day (Jan 31 + 1 month = Feb 28).
    static func adding(months: Int, to time: Int64) -> Int64 {
        let days = floorDiv(time, day)
        let secondOfDay = time - days * day
        let date = LocalDate(daysSinceEpoch: Int(days)).adding(months: months)
        return Int64(date.daysSinceEpoch) * day + secondOfDay
    }

    /// `time` moved by `count` billing intervals of a product.
    static func adding(intervals count: Int, of product: SandboxProduct, to time: Int64) -> Int64 {
        switch product.intervalUnit {
        case .month: return adding(months: product.interval * count, to: time)
        case .day: return time + Int64(product.interval * count) * day
        }
    }

    /// "YYYY-MM-DD" of a day number.
    static func dateString(_ dayNumber: Int) -> String { LocalDate(daysSinceEpoch: dayNumber).description }
}
