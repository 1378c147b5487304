import BillingCore

/// Parses the IMF-fixdate form of an HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT"), the only form
/// servers may send (RFC 9110 section 5.6.7).
enum HTTPDate {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Seconds since 1970, or nil.
    static func parse(_ text: String) -> Int64? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]),
            let monthIndex = months.firstIndex(of: String(parts[2])), let year = Int(parts[3])
        else { return nil }
        let time = parts[4].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3, let date = LocalDate(year: year, month: monthIndex + 1, day: day) else { return nil }
        return Int64(date.daysSinceEpoch) * 86_400 + Int64(time[0] * 3600 + time[1] * 60 + time[2])
    }

    /// Formats seconds since 1970 as an IMF-fixdate (for tests and fakes).
    static func format(_ seconds: Int64) -> String {
        let date = Timestamp(secondsSinceEpoch: seconds).utcDate
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let weekday = weekdays[((days % 7) + 7) % 7]
        let s = Int(seconds - Int64(days) * 86_400)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekday), \(two(date.day)) \(months[date.month - 1]) \(date.year) \(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60)) GMT"
    }
}
