import Foundation

/// Pulls a server's own error message out of an error body (Chargify `{"errors": [...]}`, Truto
/// `{"message": ...}`), falling back to the status; never the raw body, which may be a whole HTML page.
enum ErrorMessage {
    static func extract(from body: Data, status: Int) -> String {
        if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
            if let errors = object["errors"] as? [String], !errors.isEmpty {
                return String(errors.joined(separator: "; ").prefix(300))
            }
            if let message = object["message"] as? String { return String(message.prefix(300)) }
            if let error = object["error"] as? String { return String(error.prefix(300)) }
        }
        return "HTTP \(status)"
    }
}
