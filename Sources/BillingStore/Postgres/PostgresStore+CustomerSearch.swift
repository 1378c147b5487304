import BillingCore
import PostgresNIO

extension PostgresStore {
    /// The columns a `Stored<Customer>` is read from, in `decodeCustomers`' order.
    static let customerColumns = """
        source_id, remote_id, first_name, last_name, email, organization, reference, phone, city, country,
        created_at, updated_at, deleted_at, flags
        """

    /// Type-ahead search over live customers, by name order: every word must start a word of the customer's
    /// text (the `simple` full-text vector) or appear inside it (the `pg_trgm` index: part of an e-mail address,
    /// which the parser keeps as one token). Words are `SearchWords.split`'s, letters and digits only, and travel
    /// as bound values, so nothing typed reaches the SQL text.
    public func searchCustomers(query: String, limit: Int = 50) async throws -> [Stored<Customer>] {
        let words = SearchWords.split(query).map { $0.lowercased() }
        guard !words.isEmpty else { return [] }
        var bindings = PostgresBindings()
        var conditions: [String] = []
        for word in words {
            bindings.append(word + ":*")
            bindings.append("%" + word + "%")
            let (prefix, inside) = (bindings.count - 1, bindings.count)
            conditions.append(
                "(search_vector @@ to_tsquery('simple'::regconfig, $\(prefix)) OR search_text LIKE $\(inside))")
        }
        bindings.append(Int64(limit))
        let sql = """
            SELECT \(Self.customerColumns) FROM customer
            WHERE deleted_at IS NULL AND \(conditions.joined(separator: " AND "))
            ORDER BY sort_name, id LIMIT $\(bindings.count)
            """
        let search = PostgresQuery(unsafeSQL: sql, binds: bindings)
        return try await serially("search customers") { connection in
            try await Self.decodeCustomers(connection.query(search, logger: PostgresConnector.silent))
        }
    }

    /// The first `limit` live customers by name (`billtop customers` with no words).
    public func customers(limit: Int = 50) async throws -> [Stored<Customer>] {
        try await serially("list customers") { connection in
            try await Self.decodeCustomers(
                connection.query(
                    """
                    SELECT \(unescaped: Self.customerColumns) FROM customer WHERE deleted_at IS NULL
                    ORDER BY sort_name, id LIMIT \(Int64(limit))
                    """, logger: PostgresConnector.silent))
        }
    }

    static func decodeCustomers(_ rows: PostgresRowSequence) async throws -> [Stored<Customer>] {
        var found: [Stored<Customer>] = []
        let columns = rows.decode(
            (
                Int64, String, String, String, String, String, String, String, String, String, Int64?, Int64?, Int64?,
                String
            ).self)
        for try await (
            source, id, first, last, email, organization, reference, phone, city, country, created, updated, deleted,
            flags
        )
            in columns
        {
            let customer = Customer(
                id: id, firstName: first, lastName: last, email: email, organization: organization,
                reference: reference, phone: phone, city: city, country: country,
                createdAt: created.map(Timestamp.init(secondsSinceEpoch:)),
                updatedAt: updated.map(Timestamp.init(secondsSinceEpoch:)))
            found.append(
                Stored(
                    key: RecordKey(sourceID: source, remoteID: id), value: customer, deletedAt: deleted,
                    flags: flags.isEmpty ? [] : flags.split(separator: "\n").map(String.init)))
        }
        return found
    }
}
