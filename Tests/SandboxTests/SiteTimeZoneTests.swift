import BillingCore
import Testing

@testable import Sandbox

/// The sandbox's model of a Chargify site in a DST zone: every UTC time in a body is written in local time
/// with the offset in force at that instant, across both changes of the year.
struct SiteTimeZoneTests {
    /// 2026-03-08T07:00:00Z: New York springs forward from -05:00 to -04:00; 02:00-03:00 local never happens.
    static let springForward: Int64 = 1_772_953_200
    /// 2026-11-01T06:00:00Z: New York falls back from -04:00 to -05:00; 01:00-02:00 local happens twice.
    static let fallBack: Int64 = 1_793_512_800

    static func localised(_ seconds: Int64) throws -> String {
        let zone = try #require(SiteTimeZone(identifier: "America/New_York"))
        var body = Array("{\"updated_at\":\"\(Timestamp(secondsSinceEpoch: seconds).iso8601)\"}".utf8)
        zone.localise(&body)
        return String(decoding: body, as: UTF8.self)
    }

    @Test func springForwardSkipsTheLocalHourAndKeepsEveryInstant() throws {
        let cases: [(Int64, String)] = [
            (Self.springForward - 1_800, "2026-03-08T01:30:00-05:00"),
            (Self.springForward - 1, "2026-03-08T01:59:59-05:00"),
            (Self.springForward, "2026-03-08T03:00:00-04:00"),  // 02:00 local does not exist
            (Self.springForward + 1_800, "2026-03-08T03:30:00-04:00"),
        ]
        for (seconds, local) in cases {
            #expect(try Self.localised(seconds) == "{\"updated_at\":\"\(local)\"}")
            // Read back with its offset, each is the instant it was: no hour lost or doubled.
            #expect(Timestamp(iso: local)?.secondsSinceEpoch == seconds, "\(local)")
        }
        let zone = try #require(SiteTimeZone(identifier: "America/New_York"))
        #expect(zone.offset(at: Self.springForward - 1) == -5 * 3_600)
        #expect(zone.offset(at: Self.springForward) == -4 * 3_600)
    }

    @Test func fallBackRepeatsTheLocalHourWithTwoOffsets() throws {
        // Two instants an hour apart share the local time 01:30; only the offset tells them apart.
        #expect(try Self.localised(Self.fallBack - 1_800) == "{\"updated_at\":\"2026-11-01T01:30:00-04:00\"}")
        #expect(try Self.localised(Self.fallBack + 1_800) == "{\"updated_at\":\"2026-11-01T01:30:00-05:00\"}")
        #expect(Timestamp(iso: "2026-11-01T01:30:00-05:00")?.secondsSinceEpoch == Self.fallBack + 1_800)
    }
}
