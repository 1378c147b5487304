import Crypto
import Foundation
import _CryptoExtras

/// What serve verifies webhooks with: each Chargify source's shared webhook key (a secret, read from a key file
/// or the environment by the command, never from argv or config.toml) and GHL's public key (not a secret).
public struct ServeSecrets: Sendable {
    let chargifyKeys: [String: SymmetricKey]
    let ghlKey: _RSA.Signing.PublicKey?

    /// `chargifyKeys` by source name (or its variable spelling, `keyName`); `ghlPublicKeyPEM` the text of GHL's
    /// published key, if GHL webhooks are taken.
    public init(chargifyKeys: [String: String], ghlPublicKeyPEM: String?) throws {
        var keys: [String: SymmetricKey] = [:]
        for (name, key) in chargifyKeys { keys[Self.keyName(name)] = SymmetricKey(data: Data(key.utf8)) }
        self.chargifyKeys = keys
        if let pem = ghlPublicKeyPEM {
            do { ghlKey = try _RSA.Signing.PublicKey(pemRepresentation: pem) } catch {
                throw ServeSetupError(
                    "the GHL public key is not an RSA public key in PEM form (-----BEGIN PUBLIC KEY-----); save GHL's published key as it is"
                )
            }
        } else {
            ghlKey = nil
        }
    }

    /// Source `name`'s webhook key, if one was given (the others' webhooks are refused: nothing could prove them).
    func chargifyKey(_ name: String) -> SymmetricKey? { chargifyKeys[Self.keyName(name)] }

    /// A source name as an environment variable's suffix spells it: upper case, anything but letters and
    /// digits as `_` (`acme-eu` is `BILLTOP_WEBHOOK_KEY_ACME_EU`).
    public static func keyName(_ name: String) -> String {
        String(
            name.uppercased().unicodeScalars.map { scalar in
                ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) ? Character(scalar) : "_"
            })
    }
}
