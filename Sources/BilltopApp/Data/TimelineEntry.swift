import BillingCore
import Foundation

/// One line of the customer screen's timeline: when, what kind, what happened, and the amount when there is
/// one. Events from the source's event log make these today; the action journal's entries (resends, notes,
/// payments recorded from billtop) are meant to become `.action` entries merged in by time.
public struct TimelineEntry: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case paymentFailure = "failed"
        case payment = "paid"
        case dunning = "dunning"
        case stateChange = "state"
        case note = "note"
        case action = "action"
        case mrr = "mrr"
        case other = "event"
    }

    public var at: Timestamp?
    public var kind: Kind
    /// Sanitised, one line.
    public var text: String
    public var amount: Money?

    public init(at: Timestamp?, kind: Kind, text: String, amount: Money? = nil) {
        self.at = at
        self.kind = kind
        self.text = CustomerSummaryLine.flat(text)
        self.amount = amount
    }

    /// An event of the source's log, read for a person. `currency` is the subscription's (event amounts are in
    /// its minor units); without it an amount is left out rather than shown in a guessed currency.
    public static func event(_ event: BillingEvent, currency: Currency?) -> TimelineEntry {
        let data = fields(event.eventSpecificData)
        let amount = currency.flatMap { cur in
            minor(data["amount_in_cents"]).map { Money(minorUnits: $0, currency: cur) }
        }
        let message = event.message
        switch event.key {
        case "payment_failure", "renewal_failure":
            let reason = text(data["failure_message"]) ?? text(data["memo"]) ?? message
            return TimelineEntry(
                at: event.createdAt, kind: .paymentFailure, text: "payment failed: \(reason)", amount: amount)
        case "payment_success", "renewal_success":
            return TimelineEntry(
                at: event.createdAt, kind: .payment, text: message.isEmpty ? "payment received" : message,
                amount: amount)
        case "dunning_step_reached":
            let step = (data["current_step"] as? [String: Any]).map { step in
                let number = minor(step["step"]).map { "step \($0)" } ?? "a step"
                let action = text(step["action"]).map { ": \($0)" } ?? ""
                return "dunning \(number)\(action)"
            }
            return TimelineEntry(at: event.createdAt, kind: .dunning, text: step ?? message)
        case "subscription_state_change":
            let before = text(data["previous_subscription_state"]) ?? "?"
            let after = text(data["new_subscription_state"]) ?? "?"
            return TimelineEntry(at: event.createdAt, kind: .stateChange, text: "state \(before) → \(after)")
        case "subscription_note_created", "subscription_note_updated", "note_created":
            return TimelineEntry(at: event.createdAt, kind: .note, text: text(data["body"]) ?? message)
        default:
            let what = event.key.replacingOccurrences(of: "_", with: " ")
            return TimelineEntry(
                at: event.createdAt, kind: .other, text: message.isEmpty ? what : "\(what): \(message)", amount: amount)
        }
    }

    /// The event's specific data as a dictionary (empty when it is not a JSON object: the source is hostile).
    static func fields(_ json: String) -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) else { return [:] }
        return object as? [String: Any] ?? [:]
    }

    /// An integer (JSON number or digits in a string) that fits an Int64; anything else is no amount.
    static func minor(_ value: Any?) -> Int64? {
        if let text = value as? String { return Int64(text) }
        guard let number = value as? NSNumber else { return nil }
        let double = number.doubleValue
        guard double.rounded() == double, abs(double) < 9e15 else { return nil }
        return number.int64Value
    }

    /// A non-empty string value.
    static func text(_ value: Any?) -> String? {
        guard let text = value as? String, !text.isEmpty else { return nil }
        return text
    }
}
