import BillingCore

/// A record read from the team store with the row it came from: the copy (`TeamReplica`) takes the source, the
/// change number and the digest of the raw JSON (never the JSON: `PostgresStore.copyColumns`) from the row, and
/// the decoded record with its children from `stored`.
struct ReadRecord<Value: Sendable> {
    let row: NamedRow
    let stored: Stored<Value>
}
