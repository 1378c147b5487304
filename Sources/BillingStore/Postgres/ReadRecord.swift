import BillingCore

/// A record read from the team store with the row it came from: the copy (`TeamReplica`) takes the raw JSON,
/// the source and the change number from the row, and the decoded record with its children from `stored`.
struct ReadRecord<Value: Sendable> {
    let row: NamedRow
    let stored: Stored<Value>

    /// The record as the fetcher would hand it to a store: value, raw JSON, decode flags.
    var incoming: Incoming<Value> { Incoming(value: stored.value, raw: row["raw"], flags: stored.flags) }
}
