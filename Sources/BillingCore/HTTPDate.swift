/// The HTTP date (RFC 9110 section 5.6.7), both ways, in one place: the fetcher reads the server's `Date`
/// and `Retry-After` with `parse`, the sandbox writes them with `format`.
public enum HTTPDate {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    /// 1970-01-01 was a Thursday.
    static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]

    /// Seconds since 1970 of an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the only form servers may
    /// send, or nil. As leniently as before: the weekday is not checked and a one-digit day or hour passes
    /// ("Sun, 6 Nov 1994 8:49:37 GMT"); the obsolete RFC 850 and asctime forms are refused.
    public static func parse(_ text: String) -> Int64? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]),
            let monthIndex = months.firstIndex(of: String(parts[2])), let year = Int(parts[3])
        else { return nil }
        let time = parts[4].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3, let date = LocalDate(year: year, month: monthIndex + 1, day: day) else { return nil }
        return Int64(date.daysSinceEpoch) * 86_400 + Int64(time[0] * 3600 + time[1] * 60 + time[2])
    }

    /// Seconds since 1970 as an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the form RFC 9110 requires.
    public static func format(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let date = LocalDate(daysSinceEpoch: Int(days))
        let second = Int(seconds - days * 86_400)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekdays[Int((days % 7 + 7) % 7)]), \(two(date.day)) \(months[date.month - 1]) \(date.year) "
            + "\(two(second / 3_600)):\(two(second / 60 % 60)):\(two(second % 60)) GMT"
    }
}
