/// An object a webhook names, for a targeted re-read: its kind and the provider's id for it. Ids are kept only
/// when they are plain (letters, digits, `_ - .`, at most 64), so a stored target list needs no escaping and a
/// hostile sender cannot put anything else in a later request's path.
public struct WebhookTarget: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        case customer, subscription, invoice, contact
    }

    public let kind: Kind
    public let id: String

    /// Nil when `id` is not plain.
    public init?(_ kind: Kind, _ id: String) {
        guard Self.isPlain(id) else { return nil }
        self.kind = kind
        self.id = id
    }

    public var description: String { "\(kind.rawValue) \(id)" }

    static func isPlain(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 64
            && id.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || "_-.".unicodeScalars
                        .contains($0)
            }
    }

    /// The stored form: one `kind:id` per line.
    static func encode(_ targets: [WebhookTarget]) -> String {
        targets.map { "\($0.kind.rawValue):\($0.id)" }.joined(separator: "\n")
    }

    /// Reads the stored form back, skipping any line that is not a target.
    static func decode(_ text: String) -> [WebhookTarget] {
        text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let kind = Kind(rawValue: String(parts[0])) else { return nil }
            return WebhookTarget(kind, String(parts[1]))
        }
    }
}
