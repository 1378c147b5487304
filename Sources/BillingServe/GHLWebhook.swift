import BillingCore
import BillingStore
import Foundation
import _CryptoExtras

/// A GHL (LeadConnector) webhook: a JSON POST signed with GHL's RSA key (`x-wh-signature`: a base64 RSA-SHA256
/// PKCS#1 v1.5 signature of the raw body), checked against the published public key the operator saved as a PEM
/// file. Its `webhookId` is the dedupe key; the contact it concerns is the target.
struct GHLWebhook: Equatable {
    static let signatureHeader = "x-wh-signature"

    let webhookID: String
    let event: String
    let locationID: String
    let targets: [WebhookTarget]

    /// True only for a base64 signature the public key verifies over exactly these bytes.
    static func isSigned(_ body: [UInt8], signature: String?, key: _RSA.Signing.PublicKey) -> Bool {
        guard let signature, let raw = Data(base64Encoded: signature), !raw.isEmpty else { return false }
        return key.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: raw), for: body, padding: .insecurePKCS1v1_5)
    }

    /// The webhook's id, type, location and contact; nil when the body is not a JSON object with a `webhookId`.
    /// Contact events name the contact as `id`; notes, tasks and the rest as `contactId`.
    static func read(_ body: [UInt8]) -> GHLWebhook? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let id = (object["webhookId"] as? String).map(TextSanitizer.clean), !id.isEmpty, id.count <= 128
        else { return nil }
        let type = TextSanitizer.clean(object["type"] as? String ?? "")
        let contact = (object["contactId"] as? String) ?? (type.hasPrefix("Contact") ? object["id"] as? String : nil)
        return GHLWebhook(
            webhookID: id, event: String(type.prefix(128)),
            locationID: TextSanitizer.clean(object["locationId"] as? String ?? ""),
            targets: contact.flatMap { WebhookTarget(.contact, $0) }.map { [$0] } ?? [])
    }
}
