import BillingStore
import BillingSync

/// What `billtop sync --once` prints at the end: the failures, each cause once (a full disk stops every
/// stream, but it is one problem with one way out), and a summary that counts flagged records.
struct RunReport {
    var result: SyncRunResult
    /// The run's "flagged ..." and "skipped ..." sync log lines.
    var flagLog: [SyncLogEntry]

    /// The stderr lines, one per distinct problem.
    var failureLines: [String] {
        var lines: [String] = []
        var storeMessages: Set<String> = []
        for failure in result.failures {
            if case .store(let message) = failure.error {
                if storeMessages.insert(message).inserted { lines.append("billtop: \(message)") }
            } else {
                lines.append("billtop: \(failure.source)/\(failure.stream): \(failure.error)")
            }
        }
        return lines
    }

    /// "sync finished: 40 requests, 1 record flagged (invoice inv_1: total_amount: not a decimal); ..."
    var summary: String {
        var text = "sync \(result.ok ? "finished" : "incomplete"): \(result.requests) requests"
        let flagged = flagLog.filter { $0.message.hasPrefix("flagged ") }
        if let first = flagged.first {
            let what = String(first.message.dropFirst("flagged ".count))
            let count = flagged.count
            text += ", \(count) record\(count == 1 ? "" : "s") flagged (\(count == 1 ? "" : "e.g. ")\(what))"
        }
        let skipped = flagLog.filter { $0.message.hasPrefix("skipped ") }.reduce(0) { $0 + ($1.records ?? 1) }
        if skipped > 0 { text += ", \(skipped) record\(skipped == 1 ? "" : "s") skipped without an id" }
        if !flagged.isEmpty || skipped > 0 { text += "; the sync log lists them" }
        return text
    }
}
