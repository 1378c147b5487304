import Foundation

/// The customers pane's CRM filter (issue 19 point 3): `owner:NAME` and `tag:TAG` words in the search text
/// keep the customers whose linked contact has that owner (a word of the owner's name starting with NAME, or
/// the owner's e-mail or user id) and that tag (case-insensitive). The other words stay the type-ahead.
public struct CRMContactFilter: Sendable, Hashable {
    /// Lower-cased, as typed after `owner:`; nil: any owner.
    public var owner: String?
    /// Lower-cased, as typed after `tag:`; nil: any tag.
    public var tag: String?

    public init(owner: String? = nil, tag: String? = nil) {
        self.owner = owner
        self.tag = tag
    }

    /// The filter in `text` and the rest of the text; nil filter when it has neither word (or only empty ones).
    public static func parse(_ text: String) -> (filter: CRMContactFilter?, rest: String) {
        var filter = CRMContactFilter()
        var rest: [Substring] = []
        for word in text.split(whereSeparator: \.isWhitespace) {
            let lower = word.lowercased()
            if lower.hasPrefix("owner:") {
                let value = String(lower.dropFirst(6))
                if !value.isEmpty { filter.owner = value }
            } else if lower.hasPrefix("tag:") {
                let value = String(lower.dropFirst(4))
                if !value.isEmpty { filter.tag = value }
            } else {
                rest.append(word)
            }
        }
        let words = rest.joined(separator: " ")
        return (filter.owner == nil && filter.tag == nil ? nil : filter, words)
    }

    /// Whether `contact`, owned by the user named `ownerName` with `ownerEmail`, passes (the in-memory rule
    /// the store's query follows).
    public func admits(_ contact: CRMContact, ownerName: String, ownerEmail: String = "") -> Bool {
        if let owner {
            let words = ownerName.lowercased().split(whereSeparator: \.isWhitespace)
            guard
                words.contains(where: { $0.hasPrefix(owner) }) || ownerEmail.lowercased() == owner
                    || contact.ownerID.lowercased() == owner
            else { return false }
        }
        if let tag, !contact.tags.contains(where: { $0.lowercased() == tag }) { return false }
        return true
    }

    /// "owner ann, tag vip", for the pane's title.
    public var summary: String {
        [owner.map { "owner \($0)" }, tag.map { "tag \($0)" }].compactMap { $0 }.joined(separator: ", ")
    }
}
