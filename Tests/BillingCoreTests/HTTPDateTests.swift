import BillingCore
import Testing

/// The one HTTP date, both ways: what the sandbox writes, the fetcher reads back to the second.
@Suite struct HTTPDateTests {
    @Test func theRFCExampleBothWays() {
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.format(-1) == "Wed, 31 Dec 1969 23:59:59 GMT")
        #expect(HTTPDate.format(951_782_400) == "Tue, 29 Feb 2000 00:00:00 GMT")
        #expect(HTTPDate.format(1_781_956_800) == "Sat, 20 Jun 2026 12:00:00 GMT")
    }

    /// Seeded instants from 1900 to 2100, whole days' edges included: format then parse is the identity.
    @Test func formatThenParseIsTheIdentity() {
        var random = SplitMix64(seed: 9110)
        let first: Int64 = -2_208_988_800, last: Int64 = 4_102_444_800  // 1900-01-01, 2100-01-01
        var instants: [Int64] = [first, last, 0, -1, 86_399, 86_400, -86_400, -86_401]
        for _ in 0..<5_000 { instants.append(first + Int64(random.next() % UInt64(last - first))) }
        for seconds in instants {
            let text = HTTPDate.format(seconds)
            #expect(HTTPDate.parse(text) == seconds, "\(seconds): \(text)")
            #expect(text.utf8.count == 29, "an IMF-fixdate is 29 characters: \(text)")
        }
    }

    /// What the parser took before it moved here, it takes still; what it refused, it refuses.
    @Test func theParserKeepsItsLenienceAndItsRefusals() {
        #expect(HTTPDate.parse("Mon, 06 Nov 1994 08:49:37 GMT") == 784_111_777, "the weekday is not checked")
        #expect(HTTPDate.parse("Sun, 6 Nov 1994 8:49:37 GMT") == 784_111_777, "one-digit day and hour")
        for refused in [
            "06 Nov 1994", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
            "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49 GMT", "", "yesterday",
        ] {
            #expect(HTTPDate.parse(refused) == nil, "\(refused)")
        }
    }
}
