import Foundation

/// What a subscription's event log says about its dunning: stage, retries, last failure reason.
public struct DunningEventSummary: Hashable, Sendable, Codable {
    /// The latest dunning step reached (e.g. "email customer", "cancel subscription"), sanitised.
    public var stage: String?
    /// Failed payment attempts since the last successful one.
    public var retries: Int?
    /// The latest failure's reason as the gateway gave it, sanitised.
    public var lastFailureReason: String?

    public init(stage: String? = nil, retries: Int? = nil, lastFailureReason: String? = nil) {
        self.stage = stage
        self.retries = retries
        self.lastFailureReason = lastFailureReason
    }

    static let failureKeys: Set<String> = ["payment_failure", "renewal_failure"]
    static let successKeys: Set<String> = ["payment_success", "renewal_success"]
    static let stageKeys: Set<String> = ["dunning_step_reached"]

    /// Reads a subscription's events (any order); nil fields mean the log does not say.
    public init(events: some Sequence<BillingEvent>) {
        let ordered = events.sorted { $0.id < $1.id }
        var retries = 0
        var sawFailure = false
        for event in ordered {
            if Self.failureKeys.contains(event.key) {
                retries += 1
                sawFailure = true
                lastFailureReason = Self.failureReason(event) ?? lastFailureReason
            } else if Self.successKeys.contains(event.key) {
                retries = 0
            } else if Self.stageKeys.contains(event.key) {
                stage = Self.stageName(event) ?? stage
            }
        }
        self.retries = sawFailure ? retries : nil
    }

    /// The failure reason from Chargify-style event data, trying the spellings sources use.
    static func failureReason(_ event: BillingEvent) -> String? {
        guard let data = json(event) else { return event.message.isEmpty ? nil : TextSanitizer.clean(event.message) }
        for key in ["failure_reason", "reason", "gateway_message", "message"] {
            if let text = data[key] as? String, !text.isEmpty { return TextSanitizer.clean(text) }
        }
        if let transaction = data["transaction"] as? [String: Any] {
            for key in ["failure_reason", "gateway_message", "message"] {
                if let text = transaction[key] as? String, !text.isEmpty { return TextSanitizer.clean(text) }
            }
        }
        return event.message.isEmpty ? nil : TextSanitizer.clean(event.message)
    }

    /// The dunning step from event data: `current_step` (Chargify) or a flat `step`/`stage`.
    static func stageName(_ event: BillingEvent) -> String? {
        guard let data = json(event) else { return nil }
        if let step = data["current_step"] as? [String: Any] {
            for key in ["name", "action", "step"] {
                if let text = step[key] as? String, !text.isEmpty { return TextSanitizer.clean(text) }
            }
            if let days = step["day_threshold"] as? Int { return "day \(days)" }
        }
        for key in ["step", "stage", "dunning_step", "current_step"] {
            if let text = data[key] as? String, !text.isEmpty { return TextSanitizer.clean(text) }
            if let number = data[key] as? Int { return "step \(number)" }
        }
        return nil
    }

    private static func json(_ event: BillingEvent) -> [String: Any]? {
        guard let bytes = event.eventSpecificData.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any]
        else { return nil }
        return object
    }
}
