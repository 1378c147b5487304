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
    var windowStart: UInt64 = 0
    var windowCount = 0

    init(faults: FaultPlan) { self.faults = faults }
}
