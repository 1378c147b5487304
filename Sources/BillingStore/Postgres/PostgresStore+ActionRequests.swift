import PostgresNIO

/// The viewer's side of an action: insert a request (the only write its role may make) and wait for the outcome
/// serve writes back, woken by the change feed rather than polling.
extension PostgresStore {
    /// Inserts the request and returns its id. As a viewer, the database accepts exactly this statement's
    /// columns; anything else the role tries is refused there (`PostgresStoreError.isPermissionDenied`).
    public func requestAction(_ draft: ActionRequestDraft) async throws -> Int64 {
        let (objectID, customerID, parameters, host) = (
            PostgresText.safe(draft.objectID), PostgresText.safe(draft.customerID), PostgresText.safe(draft.parameters),
            PostgresText.safe(draft.host)
        )
        return try await serially("queue the action request") { connection in
            let rows = try await connection.query(
                """
                INSERT INTO action_request (host, source_id, kind, object_kind, object_id, customer_id, parameters,
                    token)
                VALUES (\(host), \(draft.sourceID), \(draft.kind), \(draft.objectKind), \(objectID), \(customerID),
                    \(parameters), \(draft.token))
                RETURNING id
                """, logger: PostgresConnector.silent)
            for try await id in rows.decode(Int64.self) { return id }
            throw PostgresStoreError(message: "the store returned no request id", sqlState: nil)
        }
    }

    /// The request's row as it stands, or nil when there is none with that id.
    public func actionRequest(id: Int64) async throws -> ActionRequestStatus? {
        try await serially("read the action request") { connection in
            try await Self.actionRequest(connection, id: id)
        }
    }

    static func actionRequest(_ connection: PostgresConnection, id: Int64) async throws -> ActionRequestStatus? {
        let rows = try await connection.query(
            """
            SELECT id, state, outcome, provider_status, journal_id, requested_by, token FROM action_request
            WHERE id = \(id)
            """, logger: PostgresConnector.silent)
        for try await (id, state, outcome, status, journal, who, token) in rows.decode(
            (Int64, String, String, Int32?, Int64?, String, String).self)
        {
            return ActionRequestStatus(
                id: id, state: state, outcome: outcome, providerStatus: status.map(Int.init), journalID: journal,
                requestedBy: who, token: token)
        }
        return nil
    }

    /// Waits until request `id` is finished and returns it, or returns nil after `timeout` (serve is not
    /// running, or not leading its source). `after` is the change number read before the request was
    /// inserted: following from there, the outcome's announcement cannot be missed, however fast serve was.
    public func awaitActionRequest(id: Int64, after seq: Int64, timeout: Duration) async throws
        -> ActionRequestStatus?
    {
        let url = self.url
        return try await withThrowingTaskGroup(of: ActionRequestStatus?.self) { group in
            group.addTask {
                let found = Found()
                _ = try await PostgresChangeFeed.follow(url, after: seq) { changes in
                    guard changes.contains(where: { $0.what == "action_request" }) else { return true }
                    guard let status = try? await self.actionRequest(id: id), status.isFinished else { return true }
                    await found.set(status)
                    return false
                }
                return await found.value
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { return nil }
            return first
        }
    }

    /// The status the change feed's handler found (the handler can only return whether to go on).
    private actor Found {
        var value: ActionRequestStatus?
        func set(_ status: ActionRequestStatus) { value = status }
    }
}
