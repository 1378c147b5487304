import BillingStore
import Crypto
import Foundation
import Testing
import _CryptoExtras

@testable import BillingServe

/// The parts of a webhook read before and after its signature, without a server.
@Suite struct WebhookParsingTests {
    @Test func signaturesMustBeExactHex() {
        let key = SymmetricKey(data: Data("k".utf8))
        let body = Array("id=1".utf8)
        let good = HMAC<SHA256>.authenticationCode(for: body, using: key).map { String(format: "%02x", $0) }.joined()
        #expect(ChargifyWebhook.isSigned(body, signature: good, key: key))
        #expect(ChargifyWebhook.isSigned(body, signature: good.uppercased(), key: key))
        #expect(!ChargifyWebhook.isSigned(body, signature: String(good.dropLast(2)), key: key))
        #expect(!ChargifyWebhook.isSigned(body, signature: good + "00", key: key))
        #expect(!ChargifyWebhook.isSigned(body, signature: "g" + good.dropFirst(), key: key))
        #expect(!ChargifyWebhook.isSigned(body, signature: nil, key: key))
        #expect(!ChargifyWebhook.isSigned(body + [0x20], signature: good, key: key))
    }

    @Test func formFieldsAndTargets() throws {
        let body = Array(
            "event=renewal_failure&payload%5Bsubscription%5D%5Bid%5D=42&payload[customer][id]=a+b&payload[invoice][uid]=inv_1&payload[subscription][customer][id]=7&payload[invoice][uid]=inv_1"
                .utf8)
        let hook = try #require(ChargifyWebhook.read(body, idHeader: "77"))
        #expect(hook.webhookID == "77")
        #expect(hook.event == "renewal_failure")
        // "a b" is not a plain id: dropped; inv_1 named twice: once.
        #expect(
            hook.targets
                == [
                    WebhookTarget(.subscription, "42"), WebhookTarget(.invoice, "inv_1"), WebhookTarget(.customer, "7"),
                ]
                .compactMap { $0 })
        #expect(ChargifyWebhook.read(Array("event=x".utf8), idHeader: nil) == nil)
        #expect(ChargifyWebhook.read(Array("id=5&event=x".utf8), idHeader: nil)?.webhookID == "5")
    }

    @Test func ghlBodiesNameTheirContact() throws {
        let note = try #require(
            GHLWebhook.read(Array(#"{"type":"NoteCreate","id":"n1","contactId":"c2","webhookId":"w"}"#.utf8)))
        #expect(note.targets == [WebhookTarget(.contact, "c2")].compactMap { $0 })
        #expect(GHLWebhook.read(Array(#"{"type":"ContactCreate","id":"c3"}"#.utf8)) == nil)
        #expect(GHLWebhook.read(Array("not json".utf8)) == nil)
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048).publicKey
        #expect(!GHLWebhook.isSigned([1], signature: "%%%", key: key))
    }
}
