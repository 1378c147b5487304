import BillingStore
import BillingSync

/// What `billtop sync --once` prints at the end: the failures, each cause once (a full disk stops every
/// stream, but it is one problem with one way out), and a summary that counts flagged records.
struct RunReport {
    var result: SyncRunResult
    /// The run's sync log lines about flagged and skipped records (typed by `recordIssue`).
    var flagLog: [SyncLogEntry]

    /// The stderr lines, one per distinct problem.
    var failureLines: [String] {
        var lines: [String] = []
        var storeMessages: Set<String> = []
        var refusedSources: Set<String> = []
        for failure in result.failures {
            if case .store(let message) = failure.error {
                if storeMessages.insert(message).inserted { lines.append("billtop: \(message)") }
            } else if case .originRefused(let message) = failure.error {
                // Every stream meets the same redirect: one line per source, naming both URLs.
                if refusedSources.insert(failure.source).inserted {
                    lines.append("billtop: \(failure.source): \(message)")
                }
            } else {
                lines.append("billtop: \(failure.source)/\(failure.stream): \(failure.error)")
            }
        }
        return lines
    }

    /// "sync finished: 40 requests, 1 record flagged (invoice inv_1: total_amount: not a decimal); ..."
    var summary: String {
        var text = "sync \(result.ok ? "finished" : "incomplete"): \(result.requests) requests"
        let counts = RecordIssueCounts(flagLog)
        if let first = counts.firstFlagged {
            let what = first.hasPrefix("flagged ") ? String(first.dropFirst("flagged ".count)) : first
            let count = counts.flagged
            text += ", \(count) record\(count == 1 ? "" : "s") flagged (\(count == 1 ? "" : "e.g. ")\(what))"
        }
        if counts.skipped > 0 {
            text += ", \(counts.skipped) record\(counts.skipped == 1 ? "" : "s") skipped without an id"
        }
        if counts.flagged > 0 || counts.skipped > 0 { text += "; the sync log lists them" }
        return text
    }
}
