/// The Chargify requests in flight over time as the server counts them (from arrival until the response is
/// made), integrated over a burst of traffic. Its time-weighted average divided by the site's cap is a
/// proxy, independent of the machine's load, for how well a client keeps a capped site's slots busy.
public struct InFlightMeter: Sendable, Hashable {
    /// A gap with nothing in flight longer than this (seconds) ends a burst; the next request starts another.
    static let idleGap = 1.0

    /// Requests in flight now.
    public private(set) var inFlight = 0
    /// Requests that arrived in the current burst.
    public private(set) var requests = 0
    /// Seconds from the burst's first arrival to its last response (or to now while one is in flight).
    public private(set) var seconds = 0.0
    /// In-flight requests times seconds over the burst.
    public private(set) var area = 0.0
    /// In-flight requests times seconds in each whole second of the burst: where the slots sat idle.
    public private(set) var perSecond: [Double] = []
    /// Requests that arrived in each whole second of the burst, by path (the streams at work).
    public private(set) var arrivalsPerSecond: [[String: Int]] = []
    private var burstStart: Double?
    private var lastChange = 0.0
    private var lastDeparture: Double?

    public init() {}

    /// The time-weighted number in flight over the burst; nil before any request.
    public var average: Double? { seconds > 0 ? area / seconds : nil }

    /// A request for `path` arrived at `time` (seconds on any monotonic clock).
    public mutating func arrive(at time: Double, path: String = "") {
        if inFlight == 0, let lastDeparture, time - lastDeparture > Self.idleGap { self = InFlightMeter() }
        if burstStart == nil { (burstStart, lastChange) = (time, time) }
        advance(to: time)
        inFlight += 1
        requests += 1
        let second = Int(time - (burstStart ?? time))
        while arrivalsPerSecond.count <= second { arrivalsPerSecond.append([:]) }
        arrivalsPerSecond[second][path, default: 0] += 1
    }

    /// A request's response was made at `time`.
    public mutating func depart(at time: Double) {
        advance(to: time)
        inFlight = max(0, inFlight - 1)
        lastDeparture = time
    }

    /// True when the burst is over: nothing in flight for longer than the idle gap at `time`.
    public func ended(at time: Double) -> Bool {
        guard inFlight == 0, let lastDeparture else { return false }
        return time - lastDeparture > Self.idleGap
    }

    private mutating func advance(to time: Double) {
        guard let burstStart, time >= lastChange else { return }
        area += Double(inFlight) * (time - lastChange)
        // Split the interval at whole seconds of the burst for the per-second figures.
        // The second counts up on its own: a bound recomputed from `from` can round back onto it and stall.
        var from = lastChange
        var second = max(0, Int(from - burstStart))
        while from < time {
            let until = min(time, burstStart + Double(second + 1))
            while perSecond.count <= second { perSecond.append(0) }
            perSecond[second] += Double(inFlight) * max(0, until - from)
            from = max(from, until)
            second += 1
        }
        lastChange = time
        seconds = time - burstStart
    }
}
