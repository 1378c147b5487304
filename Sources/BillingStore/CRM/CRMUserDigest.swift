import BillingCore

/// A digest of a GHL location's users, kept on the team store's location row (`v16-pg-crm-users-digest`) so a
/// viewer's copy reads the users again only when they changed.
///
/// Why: the location's row is stamped at every page of contacts serve stores (its sync time moves), and the copy
/// used to read the location's users at each of those stamps. The digest is of the users' content (FNV-1a through
/// `RawDigest`, stable across processes), so the copy compares it with its own stored users and needs no
/// bookkeeping of its own; a store written before the column has none, and the copy then reads, as before.
enum CRMUserDigest {
    /// The digest of `users` in any order: each user once by id (the first seen when two share an id, as the team
    /// store keeps them), sorted by id.
    static func of(_ users: [CRMUser]) -> Int64 {
        var text = ""
        for user in unique(users) { text += user.id + "\u{1}" + user.name + "\u{1}" + user.email + "\u{2}" }
        return RawDigest.of(text)
    }

    /// `users` with one user per id (the first), sorted by id: what a location's users are once stored.
    static func unique(_ users: [CRMUser]) -> [CRMUser] {
        var seen: Set<String> = []
        return users.filter { seen.insert($0.id).inserted }.sorted { $0.id < $1.id }
    }
}
