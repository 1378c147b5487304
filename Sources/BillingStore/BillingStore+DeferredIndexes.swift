import GRDB

/// A first listing's deferred indexes (see `DeferredIndexes`), for the fetcher.
extension BillingStore {
    /// Drops `table`'s deferrable indexes if the table is empty (a first listing is starting). Returns their names.
    @discardableResult
    public func deferIndexesForFirstListing(of table: Tombstone.Table) throws -> [String] {
        try pool.write { db in try DeferredIndexes.deferIfEmpty(db, table: table) }
    }

    /// Builds `table`'s deferred indexes again (a listing finished, or a run that is not a first listing
    /// began). Returns the names built; a no-op when none are deferred.
    @discardableResult
    public func rebuildDeferredIndexes(of table: Tombstone.Table) throws -> [String] {
        // Read first: the common case (nothing deferred) must not take the write lock.
        guard try !pool.read({ db in try DeferredIndexes.pending(db, table: table) }).isEmpty else { return [] }
        return try pool.write { db in try DeferredIndexes.rebuild(db, table: table) }
    }

    /// The names of `table`'s indexes deferred now.
    public func deferredIndexes(of table: Tombstone.Table) throws -> [String] {
        try pool.read { db in try DeferredIndexes.pending(db, table: table) }
    }
}
