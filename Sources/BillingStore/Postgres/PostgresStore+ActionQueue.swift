import PostgresNIO

/// The writer's side of the viewers' action requests: `billtop serve`, leading a source, claims its requested
/// rows one at a time, performs each with its key and writes the outcome back. A claim commits `running` before
/// anything is sent, so a serve that dies mid-way leaves a row that says so; the next leader of the source
/// resumes it with the same token, and the journal decides whether it was already done.
extension PostgresStore {
    static let requestColumns = """
        id, requested_by, host, source_id, kind, object_kind, object_id, customer_id, parameters, token,
        extract(epoch FROM now() - requested_at)::float8
        """

    /// Claims the oldest requested row of `sourceID`, marking it running, or nil when none is waiting.
    /// `FOR UPDATE SKIP LOCKED`: a second claimer never waits on, nor takes, a row another is claiming.
    public func claimActionRequest(sourceID: Int64) async throws -> QueuedActionRequest? {
        try await serially("claim an action request") { connection in
            let rows = try await connection.query(
                """
                UPDATE action_request SET state = 'running', started_at = now()
                WHERE id = (SELECT id FROM action_request WHERE source_id = \(sourceID) AND state = 'requested'
                            ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING \(unescaped: Self.requestColumns)
                """, logger: PostgresConnector.silent)
            return try await Self.decodeRequests(rows, resumed: false).first
        }
    }

    /// The rows of `sourceID` left running: claimed by a serve that lost the lead (it died, or its connection
    /// did) before writing their outcome. Only the source's leader may ask, right after taking the lead: no
    /// other process can then be performing them.
    public func abandonedActionRequests(sourceID: Int64) async throws -> [QueuedActionRequest] {
        try await serially("read the unfinished action requests") { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: Self.requestColumns) FROM action_request
                WHERE source_id = \(sourceID) AND state = 'running' ORDER BY id
                """, logger: PostgresConnector.silent)
            return try await Self.decodeRequests(rows, resumed: true)
        }
    }

    /// Writes the outcome of a running request; the row's trigger announces it, which wakes the viewer.
    /// False when the row was not running (finished already): nothing is overwritten.
    @discardableResult
    public func finishActionRequest(id: Int64, outcome: ActionRequestOutcome) async throws -> Bool {
        let message = PostgresText.safe(String(outcome.message.prefix(2000)))
        let status = outcome.providerStatus.map(Int64.init)
        return try await serially("write an action request's outcome") { connection in
            let rows = try await connection.query(
                """
                UPDATE action_request SET state = \(outcome.state.rawValue), outcome = \(message),
                    provider_status = \(status), journal_id = \(outcome.journalID), finished_at = now()
                WHERE id = \(id) AND state = 'running' RETURNING id
                """, logger: PostgresConnector.silent)
            for try await _ in rows.decode(Int64.self) { return true }
            return false
        }
    }

    /// Overwrites with `replacement` the outcomes of `kind`'s requests that succeeded at least `age` ago: an
    /// outcome that is a credential (a billing-portal link) is for the one who asked, not for the store's backups.
    /// Returns how many were overwritten. A scan of the requests table, run by serve once a minute: requests are
    /// few (people ask for them), so no index is kept for it.
    @discardableResult
    public func forgetOutcomes(kind: String, olderThan age: Duration, replacement: String) async throws -> Int {
        let seconds = Double(age.components.seconds)
        let replacement = PostgresText.safe(replacement)
        return try await serially("clear old request outcomes") { connection in
            let rows = try await connection.query(
                """
                UPDATE action_request SET outcome = \(replacement)
                WHERE kind = \(kind) AND state = 'succeeded' AND outcome <> \(replacement)
                    AND finished_at < now() - make_interval(secs => \(seconds))
                RETURNING id
                """, logger: PostgresConnector.silent)
            var count = 0
            for try await _ in rows.decode(Int64.self) { count += 1 }
            return count
        }
    }

    static func decodeRequests(_ rows: PostgresRowSequence, resumed: Bool) async throws -> [QueuedActionRequest] {
        var found: [QueuedActionRequest] = []
        for try await (id, who, host, source, kind, objectKind, objectID, customer, parameters, token, waited)
            in rows.decode((Int64, String, String, Int64, String, String, String, String?, String, String, Double).self)
        {
            found.append(
                QueuedActionRequest(
                    id: id, requestedBy: who, host: host, sourceID: source, kind: kind, objectKind: objectKind,
                    objectID: objectID, customerID: customer, parameters: parameters, token: token, resumed: resumed,
                    waitedSeconds: waited))
        }
        return found
    }
}
