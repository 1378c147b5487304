import BillingCore
import Foundation

/// Which contact a person meant by "CONTACT" when linking a customer: an id first, else the one contact with that
/// e-mail, never a guess between two. The same rule on one person's store and in serve for a viewer's request.
public enum CRMContactChoice {
    public enum Outcome: Sendable, Equatable {
        case contact(String)
        /// The line that says why no single contact was chosen.
        case refused(String)
    }

    public static func resolve(
        _ text: String, byID: @Sendable (String) async throws -> CRMContact?,
        byEmailKey: @Sendable (String) async throws -> [CRMContact]
    ) async throws -> Outcome {
        let wanted = text.trimmingCharacters(in: .whitespaces)
        if let found = try await byID(wanted) { return .contact(found.id) }
        let same = try await byEmailKey(CRMContact.emailKey(wanted))
        guard same.count == 1 else {
            return .refused(
                same.isEmpty
                    ? "no contact \(TextSanitizer.clean(wanted)) in the store (an id or an e-mail; sync GHL first)"
                    : "\(same.count) contacts have \(TextSanitizer.clean(wanted)): give one id ("
                        + same.map { TextSanitizer.clean($0.id) }.joined(separator: ", ") + ")")
        }
        return .contact(same[0].id)
    }
}
