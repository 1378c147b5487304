/// serve's one status line on stderr: what it leads (or that it waits as a standby) and what it has done.
enum ServeStatus {
    static func line(leading: [String], counters: ServeCounters.Snapshot, webhookPort: Int?) -> String {
        var parts = [
            leading.isEmpty
                ? "standby (another serve leads, or no source yet)" : "leading " + leading.joined(separator: ", ")
        ]
        parts.append(
            "\(counters.rounds) sync rounds" + (counters.failedRounds > 0 ? " (\(counters.failedRounds) failed)" : ""))
        parts.append("\(counters.performed) actions")
        if let webhookPort {
            parts.append(
                "webhooks on port \(webhookPort): \(counters.webhooks) taken, \(counters.duplicates) repeats dropped, \(counters.refused) refused"
            )
        }
        return "billtop serve: " + parts.joined(separator: "; ")
    }
}
