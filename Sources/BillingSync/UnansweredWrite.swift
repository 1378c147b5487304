import BillingCore
import Foundation

/// A write that cannot be repeated blindly (GHL's notes and tasks carry no idempotency key) met an answer
/// that does not say whether the provider acted: no response, a 5xx, a 408 or a garbled 2xx. The executor
/// does not retry it; the caller looks at the provider's state before it sends again.
public struct UnansweredWrite: Error, CustomStringConvertible, Sendable {
    /// The request as shown ("POST /contacts/abc/notes").
    public var request: String
    /// The status when one came.
    public var status: Int?
    /// The provider's message or the transport's reason, already redacted.
    public var message: String

    public var description: String {
        let answer = status.map { "HTTP \($0)" } ?? "no answer"
        return "\(request): \(answer) (\(TextSanitizer.clean(message))); the provider may or may not have acted"
    }

    /// Whether a failed attempt leaves it unknown whether the provider acted. A 429 and the 4xx refusals
    /// say it did not, so they go to the retry policy as usual.
    static func isUncertain(_ outcome: RetryPolicy.Outcome) -> Bool {
        switch outcome {
        case .transportError, .badBody, .tooLarge: return true
        case .redirectRefused: return false
        case .status(let code, _): return code == 408 || (500...599).contains(code)
        }
    }
}
