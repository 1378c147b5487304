import BillingCore
import BillingStore
import Foundation

/// billtop's own attempts in the customer's timeline, beside the source's events: what was asked, on which
/// object, how it ended, and who asked from where (the journal keeps no secrets, so neither does this line).
extension TimelineEntry {
    public static func action(_ entry: ActionJournalEntry) -> TimelineEntry {
        let what = entry.kind.replacingOccurrences(of: "_", with: " ")
        var text = "billtop: \(what)"
        if !entry.objectID.isEmpty { text += " \(entry.objectKind) \(entry.objectID)" }
        if let amount = paymentAmount(entry.parameters) { text += " (\(amount))" }
        let state = entry.state.rawValue.replacingOccurrences(of: "_", with: " ")
        text += ": \(state)"
        if !entry.state.isFinal { text += " (no answer yet; resumed at the next start)" }
        if entry.state == .refused || entry.state == .failed, !entry.message.isEmpty { text += ", \(entry.message)" }
        text += " · by \(entry.who)@\(entry.host)"
        return TimelineEntry(
            at: Timestamp(secondsSinceEpoch: entry.createdAt / 1000), kind: .action, text: TextSanitizer.clean(text))
    }

    /// A recorded payment's amount as typed (the journal keeps it as a decimal string without currency).
    static func paymentAmount(_ parameters: String) -> String? {
        guard let payment = fields(parameters)["payment"] as? [String: Any], let amount = payment["amount"] as? String,
            !amount.isEmpty
        else { return nil }
        return amount
    }

    /// Events and actions together, newest first; entries without a time go last, in their order.
    public static func merged(_ events: [TimelineEntry], _ actions: [TimelineEntry]) -> [TimelineEntry] {
        (events + actions).enumerated().sorted { a, b in
            switch (a.element.at, b.element.at) {
            case let (x?, y?) where x != y: return x > y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }
}
