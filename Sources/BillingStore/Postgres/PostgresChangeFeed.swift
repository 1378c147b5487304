import PostgresNIO

/// A viewer's view of the writer's commits: LISTEN on the change channel, and on every wake-up read the change
/// log after the last number delivered. The same read, done once right after LISTEN is in place, is how a
/// viewer that was disconnected catches up: nothing committed while it was away is lost, and nothing committed
/// between its catch-up and its LISTEN either, because LISTEN comes first.
public enum PostgresChangeFeed {
    /// Follows the store's changes after `seq` on a connection of its own, handing each batch to `handle` in
    /// order, until `handle` returns false (then returns the last number handed over) or the connection fails
    /// (then throws; call again with the last number `handle` saw).
    public static func follow(
        _ url: PostgresStoreURL, after seq: Int64, handle: @Sendable ([PostgresChange]) async -> Bool
    ) async throws -> Int64 {
        let connection = try await PostgresConnector.connect(url)
        do {
            let last = try await connection.listen(on: PostgresTeamTables.channel) { notifications in
                var last = seq
                // Catch up first: LISTEN is in place, so a commit from now on also wakes the loop below.
                if case .stop(let final) = try await deliver(connection, after: &last, handle: handle) { return final }
                for try await notification in notifications {
                    // The payload is a hint: a number at or below what was delivered needs no read.
                    if let announced = Int64(notification.payload), announced <= last { continue }
                    if case .stop(let final) = try await deliver(connection, after: &last, handle: handle) {
                        return final
                    }
                }
                throw PostgresStoreError(message: "the store at \(url) closed the change feed", sqlState: nil)
            }
            try? await connection.close()
            return last
        } catch {
            try? await connection.close()
            throw PostgresStoreError.failed("follow its changes", error, url: url)
        }
    }

    private enum Outcome { case more, stop(Int64) }

    /// Reads every change after `last` in batches and hands them over, advancing `last`.
    private static func deliver(
        _ connection: PostgresConnection, after last: inout Int64, handle: @Sendable ([PostgresChange]) async -> Bool
    ) async throws -> Outcome {
        while true {
            let batch = try await PostgresStore.changes(connection, after: last)
            guard let newest = batch.last else { return .more }
            last = newest.seq
            if await !handle(batch) { return .stop(last) }
            if batch.count < PostgresStore.changeBatch { return .more }
        }
    }
}
