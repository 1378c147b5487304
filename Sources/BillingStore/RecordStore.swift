import BillingCore
import Foundation

/// What the fetcher (`SyncRunner`, `StreamSyncer`) and the action core (`ActionRunner`) need of a store, so
/// either engine can be written by them: SQLite (`BillingStore`, the default for one person) or PostgreSQL
/// (`PostgresStore`, issue 18's team mode). Async because PostgreSQL's driver is; SQLite's synchronous methods
/// satisfy it as they are. Engine-specific tuning (a sync's writer settings, deferred sort indexes) is part of
/// it so the fetcher need not know the engine; an engine where it means nothing does nothing.
public protocol RecordStore: Sendable {
    /// The one line to show for a write this store refused, naming the store (never a password) and the way out.
    func writeFailure(_ error: any Error) -> String

    // Sources.
    func registerSource(name: String, kind: String, baseURL: String, account: String) async throws -> SourceInfo
    func sources() async throws -> [SourceInfo]

    // A stream's pages, checkpoints and log: every page and its checkpoint in one transaction.
    func commit(_ page: PageWrite) async throws
    func streamState(sourceID: Int64, stream: String) async throws -> StreamState
    func saveStreamState(sourceID: Int64, stream: String, state: StreamState, log: [SyncLogEntry]) async throws
    func appendLog(_ entries: [SyncLogEntry]) async throws

    // A complete listing's seen ids and the tombstones of what it did not list.
    func resetSeen(sourceID: Int64, stream: String) async throws
    func beginCompleteListing(sourceID: Int64, stream: String, table: Tombstone.Table) async throws -> Int64
    @discardableResult
    func reconcile(sourceID: Int64, stream: String, table: Tombstone.Table, at: Int64, state: StreamState)
        async throws -> Int

    // Engine tuning around a sync (no-ops where they mean nothing).
    func beginSyncWrites()
    func endSyncWrites()
    @discardableResult
    func deferIndexesForFirstListing(of table: Tombstone.Table) async throws -> [String]
    @discardableResult
    func rebuildDeferredIndexes(of table: Tombstone.Table) async throws -> [String]

    // The reads the fetcher and the action core make.
    func maxEventID(sourceID: Int64) async throws -> Int64?
    func events(sourceID: Int64, afterID: Int64) async throws -> [BillingEvent]
    func customerCount(sourceID: Int64?) async throws -> Int
    func customer(_ key: RecordKey) async throws -> CustomerDetail?
    func subscription(sourceID: Int64, id: String) async throws -> Stored<Subscription>?

    // The actions journal (`BillingStore+ActionJournal` says what each step means).
    // The times and the token are explicit here (SQLite's methods default them) so no call is ambiguous.
    func beginAction(_ draft: BillingStore.ActionDraft, token: String, now: Date) async throws -> ActionJournalEntry
    func markActionSent(id: Int64, now: Date) async throws
    func finishAction(
        id: Int64, state: ActionJournalEntry.State, providerStatus: Int?, message: String, durationMs: Int?, now: Date
    ) async throws
    func pendingActions(sourceID: Int64) async throws -> [ActionJournalEntry]
    func action(id: Int64) async throws -> ActionJournalEntry?
    /// The attempt journalled under `token`, if any (a team request is journalled under the token its viewer made).
    func action(token: String) async throws -> ActionJournalEntry?
    func actions(customerID: String?, limit: Int) async throws -> [ActionJournalEntry]
}
