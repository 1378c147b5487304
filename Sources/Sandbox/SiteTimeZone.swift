import BillingCore
import Foundation

/// Rewrites the UTC times of a body (`"2026-11-01T05:30:00Z"`) into a site's local time with the offset in
/// force at that instant (`"2026-11-01T01:30:00-04:00"`), as a Chargify site in a DST zone reports them.
struct SiteTimeZone {
    let zone: TimeZone

    init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.zone = zone
    }

    /// The zone's offset from UTC at `seconds` since 1970.
    func offset(at seconds: Int64) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// Replaces every quoted `YYYY-MM-DDTHH:MM:SSZ` in `body`.
    func localise(_ body: inout [UInt8]) {
        let length = 22  // quote + 20 characters + quote
        guard body.count >= length else { return }
        var out: [UInt8] = []
        out.reserveCapacity(body.count + body.count / 20)
        var index = 0
        while index < body.count {
            if body[index] == UInt8(ascii: "\""), index + length <= body.count,
                body[index + length - 1] == UInt8(ascii: "\""),
                body[index + length - 2] == UInt8(ascii: "Z"), body[index + 11] == UInt8(ascii: "T"),
                let text = String(bytes: body[(index + 1)..<(index + length - 1)], encoding: .utf8),
                let time = Timestamp(iso: text)
            {
                let local = time.iso8601(offsetSeconds: offset(at: time.secondsSinceEpoch))
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: Array(local.utf8))
                out.append(UInt8(ascii: "\""))
                index += length
                continue
            }
            out.append(body[index])
            index += 1
        }
        body = out
    }
}
