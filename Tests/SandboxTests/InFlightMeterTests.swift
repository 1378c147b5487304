import Testing

@testable import Sandbox

/// The server-side in-flight meter: its time-weighted average, its per-second figures, and a new burst
/// after an idle gap.
@Suite struct InFlightMeterTests {
    @Test func theAverageWeighsEachCountByHowLongItLasted() throws {
        var meter = InFlightMeter()
        // Two requests overlap for 1 s of a 2 s burst: 1 in flight for 1 s, 2 for 1 s.
        meter.arrive(at: 100, path: "/customers.json")
        meter.arrive(at: 101, path: "/events.json")
        meter.depart(at: 102)
        meter.depart(at: 102)
        #expect(meter.requests == 2)
        #expect(meter.seconds == 2)
        #expect(try #require(meter.average) == 1.5)
        #expect(meter.perSecond == [1, 2])
        #expect(meter.arrivalsPerSecond == [["/customers.json": 1], ["/events.json": 1]])
    }

    @Test func anIntervalAcrossWholeSecondsIsSplitBetweenThem() {
        var meter = InFlightMeter()
        meter.arrive(at: 10)
        meter.arrive(at: 10)
        meter.depart(at: 12.5)
        meter.depart(at: 12.5)
        #expect(meter.perSecond == [2, 2, 1])
        #expect(meter.area == 5)
    }

    @Test func anIdleGapStartsANewBurst() throws {
        var meter = InFlightMeter()
        meter.arrive(at: 0)
        meter.depart(at: 1)
        #expect(!meter.ended(at: 1.5))
        #expect(meter.ended(at: 2.5))
        meter.arrive(at: 5)
        meter.arrive(at: 5)
        meter.depart(at: 6)
        meter.depart(at: 6)
        #expect(meter.requests == 2)
        #expect(try #require(meter.average) == 2)
        #expect(InFlightMeter().average == nil)
    }
}
