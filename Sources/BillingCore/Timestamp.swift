/// An instant in UTC, in whole seconds since 1970 (the APIs never give sub-second precision that matters).
public struct Timestamp: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// Parses ISO 8601 / RFC 3339 with an offset or Z ("2026-05-15T10:20:30-04:00",
    /// "2026-05-15T10:20:30.123Z"), and Chargify's "YYYY-MM-DD HH:MM:SS" (taken as UTC unless `offsetSeconds`).
    public init?(iso text: String, defaultOffsetSeconds: Int = 0) {
        let b = Array(text.utf8)
        guard b.count >= 19, let date = LocalDate(iso: String(decoding: b[0..<10], as: UTF8.self)),
            b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "t"),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":")
        else { return nil }
        func two(_ i: Int) -> Int? {
            guard b[i] >= 48, b[i] <= 57, b[i + 1] >= 48, b[i + 1] <= 57 else { return nil }
            return Int(b[i] - 48) * 10 + Int(b[i + 1] - 48)
        }
        guard let hh = two(11), let mm = two(14), let ss = two(17), hh < 24, mm < 60, ss < 61 else { return nil }
        var i = 19
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
        }
        var offset = defaultOffsetSeconds
        if i < b.count {
            if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                offset = 0
                i += 1
            } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                guard i + 3 <= b.count, let oh = two(i + 1) else { return nil }
                var om = 0
                var next = i + 3
                if next < b.count, b[next] == UInt8(ascii: ":") { next += 1 }
                if next + 2 <= b.count, let m = two(next) {
                    om = m
                    next += 2
                }
                offset = sign * (oh * 3600 + om * 60)
                i = next
            } else if b[i] == UInt8(ascii: " ") {
                i = b.count  // "2026-01-01 00:00:00 UTC"-style suffixes are treated as the default offset
            }
        }
        guard i == b.count else { return nil }
        let seconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(hh * 3600 + mm * 60 + ss) - Int64(offset)
        self.init(secondsSinceEpoch: seconds)
    }

    /// The UTC calendar date of this instant.
    public var utcDate: LocalDate {
        LocalDate(
            daysSinceEpoch: Int(
                secondsSinceEpoch >= 0 ? secondsSinceEpoch / 86_400 : (secondsSinceEpoch - 86_399) / 86_400))
    }

    /// The calendar date at a fixed UTC offset (seconds east of UTC).
    public func date(offsetSeconds: Int) -> LocalDate {
        Timestamp(secondsSinceEpoch: secondsSinceEpoch + Int64(offsetSeconds)).utcDate
    }

    /// Midnight UTC at the start of a date.
    public init(startOf date: LocalDate) {
        self.init(secondsSinceEpoch: Int64(date.daysSinceEpoch) * 86_400)
    }

    /// "2026-05-15T10:20:30Z".
    public var iso8601: String { format(separator: "T", suffix: "Z", offsetSeconds: 0) }

    /// "2026-05-15T06:20:30-04:00" at a given offset, as Chargify writes its times.
    public func iso8601(offsetSeconds: Int) -> String {
        guard offsetSeconds != 0 else { return format(separator: "T", suffix: "Z", offsetSeconds: 0) }
        let sign = offsetSeconds < 0 ? "-" : "+"
        let magnitude = abs(offsetSeconds)
        return format(
            separator: "T", suffix: "\(sign)\(pad(magnitude / 3600)):\(pad(magnitude % 3600 / 60))",
            offsetSeconds: offsetSeconds)
    }

    /// "2026-05-15 10:20:30", Chargify's query-parameter form, in UTC.
    public var sqlStyle: String { format(separator: " ", suffix: "", offsetSeconds: 0) }

    private func format(separator: String, suffix: String, offsetSeconds: Int) -> String {
        let shifted = secondsSinceEpoch + Int64(offsetSeconds)
        let date = Timestamp(secondsSinceEpoch: shifted).utcDate
        let secondOfDay = Int(shifted - Int64(date.daysSinceEpoch) * 86_400)
        return
            "\(date)\(separator)\(pad(secondOfDay / 3600)):\(pad(secondOfDay % 3600 / 60)):\(pad(secondOfDay % 60))\(suffix)"
    }

    private func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    public func adding(seconds: Int64) -> Timestamp { Timestamp(secondsSinceEpoch: secondsSinceEpoch + seconds) }

    public var description: String { iso8601 }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Timestamp(iso: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 time"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}
