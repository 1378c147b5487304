import BillingCore
import BillingStore
import Crypto
import Foundation

/// A Chargify (Maxio) webhook: a form-encoded POST whose raw bytes are signed with a hex HMAC-SHA-256 keyed with
/// the site's shared key (`X-Chargify-Webhook-Signature-Hmac-Sha-256`), its id in `X-Chargify-Webhook-Id` (the
/// same on each of up to 5 retries). The older MD5 header is ignored: it proves nothing.
struct ChargifyWebhook: Equatable {
    static let signatureHeader = "X-Chargify-Webhook-Signature-Hmac-Sha-256"
    static let idHeader = "X-Chargify-Webhook-Id"

    let webhookID: String
    let event: String
    let targets: [WebhookTarget]

    /// True only for a signature that is 64 hex digits equal to the HMAC of `body` under `key`; the comparison
    /// is Crypto's constant-time one, so the time taken says nothing about how much of a forgery was right.
    static func isSigned(_ body: [UInt8], signature: String?, key: SymmetricKey) -> Bool {
        guard let signature, let code = bytes(hex: signature), code.count == SHA256.byteCount else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: body, using: key)
    }

    /// The id (header first, else the body's `id`), the event and the objects the body names; nil without an id.
    static func read(_ body: [UInt8], idHeader: String?) -> ChargifyWebhook? {
        let fields = FormURLEncoded.parse(body)
        let bodyID = fields.first { $0.name == "id" }?.value
        guard let id = (idHeader ?? bodyID).map(TextSanitizer.clean), !id.isEmpty, id.count <= 128 else {
            return nil
        }
        let event = TextSanitizer.clean(fields.first { $0.name == "event" }?.value ?? "")
        return ChargifyWebhook(webhookID: id, event: String(event.prefix(128)), targets: targets(fields))
    }

    /// The customers, subscriptions and invoices a payload names, in order, each once, at most 32:
    /// `payload[subscription][id]`, `payload[subscription][customer][id]`, `payload[customer][id]`,
    /// `payload[invoice][uid]`, and the flat `customer_id`, `subscription_id`, `invoice_uid` of any object.
    static func targets(_ fields: [(name: String, value: String)]) -> [WebhookTarget] {
        var found: [WebhookTarget] = []
        for (name, value) in fields where name.hasPrefix("payload[") {
            let path = name.split(whereSeparator: { $0 == "[" || $0 == "]" }).map(String.init)
            guard let last = path.last else { continue }
            let owner = path.count >= 2 ? path[path.count - 2] : ""
            let kind: WebhookTarget.Kind? =
                switch (owner, last) {
                case ("customer", "id"), (_, "customer_id"): .customer
                case ("subscription", "id"), (_, "subscription_id"): .subscription
                case ("invoice", "uid"), (_, "invoice_uid"): .invoice
                default: nil
                }
            guard let kind, let target = WebhookTarget(kind, value), !found.contains(target) else { continue }
            found.append(target)
            if found.count == 32 { break }
        }
        return found
    }

    /// Lower- or upper-case hex to bytes; nil for anything else.
    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = FormURLEncoded.hex(digits[index]), let low = FormURLEncoded.hex(digits[index + 1]) else {
                return nil
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
