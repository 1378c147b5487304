import BillingCore
import PostgresNIO

/// The CRM side's billing work's reads on the team store (`CRMActionReads`): serve's dunning tasks, and
/// provisioning where the keys are. The same rules and answers as SQLite's.
extension PostgresStore: CRMActionReads {
    /// The link rules over the source's live customers, every contact and the source's manual links.
    public func crmLinker(sourceID: Int64) async throws -> (linker: CRMLinker, customers: [CRMLinker.Customer]) {
        try await serially("work out the CRM links") { connection in
            try await Self.linkRules(connection, sourceID: sourceID, only: nil)
        }
    }

    /// The rules over every contact and the source's live customers (`only` these, when given) with their
    /// manual links: the customers and manual links restricted in SQL, the contacts read whole (the rules need
    /// every contact with a customer's e-mail).
    static func linkRules(_ connection: PostgresConnection, sourceID: Int64, only ids: [String]?) async throws
        -> (linker: CRMLinker, customers: [CRMLinker.Customer])
    {
        let all = ids == nil
        let ids = ids ?? []
        var contacts: [(id: String, email: String)] = []
        let contactRows = try await connection.query(
            "SELECT contact_id, email FROM crm_contact", logger: PostgresConnector.silent)
        for try await (id, email) in contactRows.decode((String, String).self) { contacts.append((id, email)) }
        var overrides: [String: String?] = [:]
        let manual = try await connection.query(
            """
            SELECT customer_id, contact_id FROM crm_link_override
            WHERE source_id = \(sourceID) AND (\(all) OR customer_id = ANY(\(ids)))
            """, logger: PostgresConnector.silent)
        for try await (customer, contact) in manual.decode((String, String?).self) {
            overrides[customer] = .some(contact)
        }
        var customers: [CRMLinker.Customer] = []
        let customerRows = try await connection.query(
            """
            SELECT remote_id, email, reference FROM customer
            WHERE source_id = \(sourceID) AND deleted_at IS NULL AND (\(all) OR remote_id = ANY(\(ids)))
            """, logger: PostgresConnector.silent)
        for try await (id, email, reference) in customerRows.decode((String, String, String).self) {
            customers.append(CRMLinker.Customer(id: id, email: email, reference: reference))
        }
        return (CRMLinker(contacts: contacts, overrides: overrides), customers)
    }

    /// Every stored contact, by id.
    public func crmContacts() async throws -> [CRMContact] {
        try await serially("read GHL contacts") { connection in
            try await PostgresRows.all(
                connection.query("SELECT * FROM crm_contact ORDER BY contact_id", logger: PostgresConnector.silent)
            ).map { BillingStore.contact($0.row) }
        }
    }

    /// As SQLite's: by id, e-mail (any case) or reference; nil when none or several.
    public func customer(sourceID: Int64, idOrEmail text: String) async throws -> Stored<Customer>? {
        let text = PostgresText.safe(text)
        return try await serially("find a customer") { connection in
            let found = try await Self.decodeCustomers(
                connection.query(
                    """
                    SELECT \(unescaped: Self.customerColumns) FROM customer
                    WHERE source_id = \(sourceID) AND deleted_at IS NULL
                        AND (remote_id = \(text) OR lower(email) = lower(\(text)) OR reference = \(text))
                    LIMIT 2
                    """, logger: PostgresConnector.silent))
            return found.count == 1 ? found.first : nil
        }
    }

    /// The links of `customerIDs`, as `BillingStore.crmLinks(sourceID:customerIDs:)`.
    public func crmLinks(sourceID: Int64, customerIDs: [String]) async throws -> [String: CRMLink] {
        guard !customerIDs.isEmpty else { return [:] }
        let ids = customerIDs.map { PostgresText.safe($0) }
        return try await serially("work out customers' CRM links") { connection in
            let (linker, customers) = try await Self.linkRules(connection, sourceID: sourceID, only: ids)
            return linker.links(customers).byCustomer
        }
    }

    /// Events of one subscription, newest first.
    public func events(subscription key: RecordKey, limit: Int) async throws -> [BillingEvent] {
        let remote = PostgresText.safe(key.remoteID)
        return try await serially("read a subscription's events") { connection in
            let rows = try await connection.query(
                """
                SELECT * FROM event WHERE source_id = \(key.sourceID) AND subscription_remote_id = \(remote)
                ORDER BY remote_id DESC LIMIT \(limit)
                """, logger: PostgresConnector.silent)
            return try await PostgresRows.all(rows).map(RowDecoder.event)
        }
    }

    /// SQLite's query (`BillingStore.dunningCandidatesSQL`) with its placeholders numbered.
    public func dunningCandidates(sourceID: Int64, dueFrom: LocalDate, dueThrough: LocalDate) async throws
        -> [String]
    {
        var bindings = PostgresBindings()
        bindings.append(sourceID)
        bindings.append(dueFrom.description)
        bindings.append(dueThrough.description)
        bindings.append(sourceID)
        bindings.append(sourceID)
        var sql = ""
        var number = 0
        for character in BillingStore.dunningCandidatesSQL {
            guard character == "?" else {
                sql.append(character)
                continue
            }
            number += 1
            sql += "$\(number)"
        }
        let query = PostgresQuery(unsafeSQL: sql, binds: bindings)
        return try await serially("find customers in dunning") { connection in
            var ids: [String] = []
            let rows = try await connection.query(query, logger: PostgresConnector.silent)
            for try await id in rows.decode(String.self) { ids.append(id) }
            return ids
        }
    }
}
