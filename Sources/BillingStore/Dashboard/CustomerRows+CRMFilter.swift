import BillingCore
import Foundation
import GRDB

/// The customers pane filtered by CRM owner and tag: the customers linked (by `CRMLinker`'s rules, the same
/// as the customer screen's) to a contact the filter admits, in the pane's order, with the type-ahead on top.
extension CustomerRows {
    /// Row ids (`customer.id`) of the live customers linked to a contact `filter` admits. Reads every link of
    /// each source once: the caller keeps the answer while the store has not changed.
    public func linkedCustomerRowIDs(_ filter: CRMContactFilter) throws -> [Int64] {
        let contacts = try store.pool.read { db in try Self.contactIDs(db, filter) }
        guard !contacts.isEmpty else { return [] }
        var ids: [Int64] = []
        for source in try store.sources() {
            let byContact = try store.crmLinks(sourceID: source.id).byContact
            let remote = contacts.flatMap { byContact[$0] ?? [] }
            guard !remote.isEmpty else { continue }
            ids += try store.pool.read { db in
                // One JSON array, not a parameter each: SQLite takes at most 32,766 parameters.
                let data = try JSONSerialization.data(withJSONObject: remote)
                return try Int64.fetchAll(
                    db,
                    sql:
                        "SELECT id FROM customer WHERE source_id = ? AND remote_id IN (SELECT value FROM json_each(?))",
                    arguments: [source.id, String(decoding: data, as: UTF8.self)])
            }
        }
        return ids
    }

    /// One window of the customers among `ids` that match `query.text` (all of them when blank), in the
    /// query's order.
    public func page(_ query: CustomerListQuery, within ids: [Int64], offset: Int, limit: Int) throws
        -> CustomerListPage
    {
        try store.pool.read { db in
            // The ids go in as one JSON array: a filter can admit more customers than SQLite takes parameters.
            let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
            let text = query.text.trimmingCharacters(in: .whitespaces)
            var condition = "r.customer_id IN (SELECT value FROM json_each(?))"
            var args: [(any DatabaseValueConvertible)?] = [list]
            if !text.isEmpty {
                condition += " AND r.customer_id IN (\(Self.matchSQL))"
                args += [DashboardSQL.prefixQuery(text) ?? "\"\"", text]
            }
            let total =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM dash_customer_row r WHERE \(condition)",
                    arguments: StatementArguments(args)) ?? 0
            let start = min(max(0, offset), total)
            let window = try Int64.fetchAll(
                db,
                sql: """
                    SELECT r.customer_id FROM dash_customer_row r WHERE \(condition)
                    ORDER BY \(Self.orderBy(query)) LIMIT ? OFFSET ?
                    """, arguments: StatementArguments(args + [max(0, limit), start]))
            return try Self.page(
                db, ids: window, offset: start, total: total, capped: false,
                matches: CustomerMatches(text: text, count: total, ids: nil))
        }
    }

    /// Contacts whose owner (a word of the name starting with the text, the e-mail, or the user id) and tag
    /// (any of the contact's tags, case-insensitive) pass.
    static func contactIDs(_ db: Database, _ filter: CRMContactFilter) throws -> [String] {
        var conditions: [String] = []
        var args: [(any DatabaseValueConvertible)?] = []
        if let owner = filter.owner {
            conditions.append(
                """
                c.owner_id <> '' AND (lower(c.owner_id) = ? OR c.owner_id IN (
                    SELECT user_id FROM crm_user u WHERE u.location_id = c.location_id
                    AND (lower(u.email) = ? OR (' ' || lower(u.name)) LIKE ? ESCAPE '\\')))
                """)
            let escaped = owner.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            args += [owner, owner, "% \(escaped)%"]
        }
        if let tag = filter.tag {
            conditions.append("EXISTS (SELECT 1 FROM json_each(c.tags) t WHERE lower(t.value) = ?)")
            args.append(tag)
        }
        let sql =
            "SELECT contact_id FROM crm_contact c"
            + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
        return try String.fetchAll(db, sql: sql, arguments: StatementArguments(args))
    }
}
