import BillingCore
import GRDB

/// A viewer's copy of the team store takes the CRM side as serve left it (`TeamReplica`): a location whole,
/// mark and sync time included, and contacts without moving that mark (the copy never syncs GHL itself).
extension BillingStore {
    /// Writes the location's row as the team store has it.
    public func mirrorCRMLocation(_ location: CRMLocationRow) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO crm_location (location_id, name, base_url, high_water_ms, last_sync_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (location_id) DO UPDATE SET name = excluded.name, base_url = excluded.base_url,
                        high_water_ms = excluded.high_water_ms, last_sync_at = excluded.last_sync_at
                    """,
                arguments: [
                    location.locationID, location.name, location.baseURL, location.highWater, location.lastSyncAt,
                ])
        }
    }

    /// Writes contacts whole, in one transaction, leaving their location's row alone. A location the copy does not
    /// have yet gets a bare row first: a page committed while the copy read can stamp the location past the round's
    /// end while its earlier contacts are in the round, and the row arrives whole in the next one.
    public func mirrorCRMContacts(_ contacts: [(locationID: String, contact: CRMContact)]) throws {
        guard !contacts.isEmpty else { return }
        try pool.write { db in
            for location in Set(contacts.map(\.locationID)) {
                try db.execute(
                    sql:
                        "INSERT INTO crm_location (location_id, name, base_url) VALUES (?, '', '') ON CONFLICT DO NOTHING",
                    arguments: [location])
            }
            for (location, contact) in contacts { try Self.upsert(contact, locationID: location, db) }
        }
    }
}
