import BillingCore
import BillingSync
import Foundation

/// Shows sync progress: one redrawn status line on a terminal, plain log lines otherwise.
final class ProgressDisplay: @unchecked Sendable {
    // @unchecked: state is touched only by the single progress-printing task, then by `finish`.
    let isTerminal: Bool
    private var records: [String: Int] = [:]
    private var pages = 0
    private var waits = 0.0
    private let started = Date()

    /// Print a stream's failure as it happens (false when the caller reports failures at the end).
    let showsFailures: Bool

    /// How far each source's first sync has come (`SyncRunner.firstSyncEstimates`): its summary ends the
    /// terminal's line, and its whole line follows each finished stream otherwise.
    let estimates: @Sendable () -> [(source: String, estimate: SyncEstimate)]

    init(
        isTerminal: Bool, showsFailures: Bool = true,
        estimates: @escaping @Sendable () -> [(source: String, estimate: SyncEstimate)] = { [] }
    ) {
        self.isTerminal = isTerminal
        self.showsFailures = showsFailures
        self.estimates = estimates
    }

    func show(_ event: SyncProgress) {
        switch event {
        case .page(let source, let stream, _, let total, _):
            records["\(source)/\(stream)"] = total
            pages += 1
            if isTerminal { redraw() }
        case .rateLimited(let source, let seconds):
            waits += seconds
            let resume = Timestamp(secondsSinceEpoch: Int64((Date().timeIntervalSince1970 + seconds).rounded(.up)))
            line("\(source): rate limited, pausing \(Int(seconds.rounded())) s (resumes \(resume.iso8601))")
        case .retrying(let source, let reason, let seconds):
            line("\(source): retrying in \(String(format: "%.1f", seconds)) s: \(reason)")
        case .streamStarted(let source, let stream, let full):
            if !isTerminal { line("\(source)/\(stream): \(full ? "complete listing" : "incremental") started") }
        case .streamFinished(let source, let stream, let count, _, let tombstoned):
            line("\(source)/\(stream): finished, \(count) records\(tombstoned > 0 ? ", \(tombstoned) tombstoned" : "")")
            if !isTerminal {
                for (source, estimate) in estimates() { line("\(source): \(estimate.line)") }
            }
        case .streamFailed(let source, let stream, let message):
            guard showsFailures else { return }
            line("\(source)/\(stream): stopped: \(message)")
        case .runFinished: break
        }
    }

    private func redraw() {
        let total = records.values.reduce(0, +)
        let seconds = max(Date().timeIntervalSince(started), 0.001)
        var text =
            "\r\u{1B}[K\(total) records  \(pages) pages  \(Int(Double(total) / seconds)) rec/s  waits \(Int(waits)) s"
        for (_, estimate) in estimates() { text += "  " + estimate.summary }
        FileHandle.standardError.write(Data(text.utf8))
    }

    private func line(_ text: String) {
        let prefix = isTerminal ? "\r\u{1B}[K" : ""
        FileHandle.standardError.write(Data((prefix + text + "\n").utf8))
    }

    func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
