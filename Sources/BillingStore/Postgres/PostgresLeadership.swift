import PostgresNIO

/// Which `billtop serve` fetches for a source: the one holding the source's session advisory lock, on a
/// connection kept for nothing else. The server releases a session lock when its connection ends, however it
/// ends (a clean stop, `kill -9`, a machine gone), so a standby that keeps trying takes over as soon as the
/// leader is gone, and never while it lives: two fetchers of one source cannot exist at once.
///
/// The two-key form `pg_try_advisory_lock(int4, int4)` is used: its key space is apart from the one-key form
/// the change log and the migrations lock with, so a source id can never meet those keys.
public final class PostgresLeadership: Sendable {
    let store: PostgresStore
    /// Where the leads this connection takes are recorded for the writes that check them (nil: not recorded).
    let epochs: LeadEpochs?

    /// The first key of every leadership lock ("bill"); the second is the source's id.
    static let lockClass: Int32 = 0x6269_6C6C

    init(store: PostgresStore, epochs: LeadEpochs?) {
        self.store = store
        self.epochs = epochs
    }

    /// Opens the dedicated connection (it runs only the lock statements, the lead's number and the liveness
    /// check); each lead taken is recorded in `epochs` for the writes that check it.
    public static func connect(_ url: PostgresStoreURL, epochs: LeadEpochs? = nil) async throws -> PostgresLeadership {
        PostgresLeadership(
            store: PostgresStore(url: url, connection: try await PostgresConnector.connect(url)), epochs: epochs)
    }

    /// Takes the source's lock if no other session holds it; true when this connection now leads the source.
    /// Asking again for a source already led answers true and stacks nothing: serve asks only for sources it
    /// does not lead, and `release` undoes one take.
    public func tryLead(sourceID: Int64) async throws -> Bool {
        let key = try Self.sourceKey(sourceID)
        let epochs = self.epochs
        return try await store.serially("take the lead of source \(sourceID)") { connection in
            let rows = try await connection.query(
                "SELECT pg_try_advisory_lock(\(Self.lockClass), \(key))", logger: PostgresConnector.silent)
            var taken = false
            for try await answer in rows.decode(Bool.self) { taken = answer }
            guard taken, let epochs else { return taken }
            // A new lead: the number moves on once the previous lead's page in flight (FOR SHARE) committed.
            let moved = try await connection.query(
                """
                INSERT INTO source_lead (source_id, epoch) VALUES (\(sourceID), 1)
                ON CONFLICT (source_id) DO UPDATE SET epoch = source_lead.epoch + 1 RETURNING epoch
                """, logger: PostgresConnector.silent)
            for try await epoch in moved.decode(Int64.self) { epochs.set(epoch, sourceID: sourceID) }
            return true
        }
    }

    /// Gives the source up (a clean stop); a standby's next try takes it.
    public func release(sourceID: Int64) async throws {
        let key = try Self.sourceKey(sourceID)
        epochs?.remove(sourceID: sourceID)
        _ = try await store.serially("give up the lead of source \(sourceID)") { connection in
            try await connection.query(
                "SELECT pg_advisory_unlock(\(Self.lockClass), \(key))", logger: PostgresConnector.silent)
        }
    }

    /// Throws when the connection is gone: its locks went with it, so whatever this process led, another
    /// serve may lead now. A leader asks before each piece of work it does for a source.
    public func check() async throws {
        _ = try await store.serially("confirm the lead") { connection in
            try await connection.query("SELECT 1", logger: PostgresConnector.silent)
        }
    }

    /// The server process of the lock's connection (what an operator or a test terminates to see a takeover).
    public func backendProcessID() async throws -> Int32 {
        try await store.serially("read its session") { connection in
            let rows = try await connection.query("SELECT pg_backend_pid()", logger: PostgresConnector.silent)
            for try await pid in rows.decode(Int32.self) { return pid }
            return 0
        }
    }

    /// Closes the connection, which releases every lock it held.
    public func close() async {
        await store.close()
    }

    /// Source ids are identity values from 1; one past the 32-bit key cannot be led, and says so.
    static func sourceKey(_ sourceID: Int64) throws -> Int32 {
        guard let key = Int32(exactly: sourceID) else {
            throw PostgresStoreError(
                message: "source id \(sourceID) is past the leadership lock's 32-bit key", sqlState: nil)
        }
        return key
    }
}
