import BillingCore
import Foundation

/// Removes a source's secrets from any text before it is logged or shown: the key itself, its
/// Base64 Basic-auth form, and its URL-encoded form.
public struct SecretRedactor: Sendable {
    private let needles: [String]

    public init(secrets: [String]) {
        var forms: Set<String> = []
        for secret in secrets where secret.count >= 3 {
            forms.insert(secret)
            forms.insert(Data("\(secret):x".utf8).base64EncodedString())
            forms.insert(Data(secret.utf8).base64EncodedString())
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
                forms.insert(encoded)
            }
        }
        // Longest first, so a Base64 form is removed whole before a shorter form inside it.
        needles = forms.sorted { $0.count > $1.count }
    }

    /// `text` sanitised for a terminal and with every secret form replaced by "[redacted]".
    public func clean(_ text: String) -> String {
        var out = text
        for needle in needles where out.contains(needle) {
            out = out.replacingOccurrences(of: needle, with: "[redacted]")
        }
        return TextSanitizer.clean(out)
    }
}
