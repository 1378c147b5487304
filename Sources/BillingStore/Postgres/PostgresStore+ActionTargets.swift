import PostgresNIO

/// The single records a viewer's action request names, read with the viewer's rights: the same matching as the
/// SQLite store's (`BillingStore+ActionTargets`): an invoice by uid or number, a subscription by id, a customer
/// by id, e-mail (any case) or reference, only when exactly one matches.
extension PostgresStore {
    public func invoiceTarget(sourceID: Int64, numberOrUID: String) async throws -> PostgresActionTarget? {
        let text = PostgresText.safe(numberOrUID)
        return try await serially("find the invoice") { connection in
            let rows = try await connection.query(
                """
                SELECT remote_id, number, customer_remote_id, currency, due_minor FROM invoice
                WHERE source_id = \(sourceID) AND deleted_at IS NULL AND (remote_id = \(text) OR number = \(text))
                ORDER BY id LIMIT 1
                """, logger: PostgresConnector.silent)
            for try await (uid, number, customer, currency, due) in rows.decode(
                (String, String, String, String, Int64).self)
            {
                return PostgresActionTarget(
                    objectID: uid, customerID: customer, label: "invoice \(number) (\(uid))", currency: currency,
                    dueMinor: due)
            }
            return nil
        }
    }

    public func subscriptionTarget(sourceID: Int64, id: String) async throws -> PostgresActionTarget? {
        let id = PostgresText.safe(id)
        return try await serially("find the subscription") { connection in
            let rows = try await connection.query(
                """
                SELECT remote_id, customer_remote_id, product_name, state FROM subscription
                WHERE source_id = \(sourceID) AND remote_id = \(id) LIMIT 1
                """, logger: PostgresConnector.silent)
            for try await (remote, customer, product, state) in rows.decode((String, String, String, String).self) {
                return PostgresActionTarget(
                    objectID: remote, customerID: customer, label: "subscription \(remote): \(product), \(state)")
            }
            return nil
        }
    }

    /// The subscription a card-update e-mail goes out for: the customer's, one in dunning first, else a live
    /// one, else any (`CustomerCardUpdateEmailCommand`'s order); the label names the customer and address.
    public func cardUpdateTarget(sourceID: Int64, customer text: String) async throws -> PostgresActionTarget? {
        try await serially("find the customer's subscription") { connection in
            guard let (customer, email) = try await Self.singleCustomer(text, sourceID: sourceID, on: connection)
            else { return nil }
            let rows = try await connection.query(
                """
                SELECT remote_id FROM subscription WHERE source_id = \(sourceID) AND customer_remote_id = \(customer)
                ORDER BY CASE state WHEN 'past_due' THEN 0 WHEN 'unpaid' THEN 1 WHEN 'active' THEN 2
                    WHEN 'trialing' THEN 3 WHEN 'on_hold' THEN 4 ELSE 5 END, id LIMIT 1
                """, logger: PostgresConnector.silent)
            for try await subscription in rows.decode(String.self) {
                return PostgresActionTarget(
                    objectID: subscription, customerID: customer, label: "customer \(customer) <\(email)>")
            }
            return nil
        }
    }

    /// The one live customer of `sourceID` whose id, e-mail or reference is `text` (a billing-portal link's), or
    /// nil when none or several are.
    public func customerTarget(sourceID: Int64, customer text: String) async throws -> PostgresActionTarget? {
        try await serially("find the customer") { connection in
            try await Self.singleCustomer(text, sourceID: sourceID, on: connection).map { customer, email in
                PostgresActionTarget(objectID: customer, customerID: customer, label: "customer \(customer) <\(email)>")
            }
        }
    }

    /// The id and e-mail of the one live customer whose id, e-mail or reference is `text`; nil for none or two.
    private static func singleCustomer(_ text: String, sourceID: Int64, on connection: PostgresConnection)
        async throws -> (String, String)?
    {
        let text = PostgresText.safe(text)
        let customers = try await connection.query(
            """
            SELECT remote_id, email FROM customer
            WHERE source_id = \(sourceID) AND deleted_at IS NULL
                AND (remote_id = \(text) OR lower(email) = lower(\(text)) OR reference = \(text)) LIMIT 2
            """, logger: PostgresConnector.silent)
        var found: [(String, String)] = []
        for try await row in customers.decode((String, String).self) { found.append(row) }
        return found.count == 1 ? found.first : nil
    }
}
