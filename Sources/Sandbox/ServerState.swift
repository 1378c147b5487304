/// The server's mutable bookkeeping, kept under one lock: request counts, in-flight requests, the
/// rate-limit window and the fault plan.
struct ServerState: Sendable {
    var port = 0
    var faults: FaultPlan
    /// Fields of records replaced or removed in Chargify responses (`setRecordPatches`).
    var patches: [RecordPatch] = []
    var sequence: UInt64 = 0
    var counts: [String: Int] = [:]
    var chargifyInFlight = 0
    /// The most Chargify requests the server has had in flight at once since the last reset.
    var chargifyPeakInFlight = 0
    /// The Chargify requests in flight over the current burst of traffic (`SandboxServer.chargifyInFlightBurst`).
    var chargifyMeter = InFlightMeter()
    var windowStart: UInt64?
    var windowCount = 0
    /// Requests since the fault plan took effect (scripted faults count these).
    var planRequests = 0
    /// Requests carrying a Truto cursor since the fault plan took effect.
    var planCursorRequests = 0
    /// Write requests (any method but GET) since the fault plan took effect (`FaultPlan.holdWriteRequests`).
    var planWrites = 0
    /// Write responses being held now, and how often held responses were let go (`releaseHeldResponses`).
    var holding = 0
    var holdReleases = 0
    /// Recent requests, oldest first (trimmed so a long benchmark does not grow it without end).
    var log: [SandboxRequestRecord] = []
    static let logLimit = 20_000

    mutating func record(_ entry: SandboxRequestRecord) {
        if log.count >= Self.logLimit { log.removeFirst(Self.logLimit / 2) }
        log.append(entry)
    }

    init(faults: FaultPlan) { self.faults = faults }
}
