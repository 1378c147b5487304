import BillingCore
import Foundation

/// The CRM side of a copy's round: locations whole (then their users, read afresh when their digest moved, since
/// users are replaced as a whole), contacts as serve stored them, and for each contact whose activity was
/// stamped its notes and tasks read afresh (a note deleted in GHL leaves no row to follow, so the whole set is
/// what is copied); manual links under the copy's own source ids.
extension TeamReplica {
    /// Applies a batch's CRM rows; true when it held any.
    func applyCRM(_ rows: ChangedRows, sources: [Int64: Int64]) async throws -> Bool {
        for location in rows.crmLocations { try copy.mirrorCRMLocation(location) }
        // A location is stamped at each page of contacts serve stores; its users are read only when their digest
        // differs from the copy's own (`CRMUserDigest`).
        let stale = try rows.crmLocations.filter { location in
            guard let digest = location.usersDigest else { return true }
            return CRMUserDigest.of(try copy.crmUsers(locationID: location.locationID)) != digest
        }.map(\.locationID)
        if !stale.isEmpty {
            let users = try await team.crmUsers(locationIDs: stale)
            for id in stale { try copy.saveCRMUsers(users[id] ?? [], locationID: id) }
        }
        try copy.mirrorCRMContacts(rows.crmContacts)
        if !rows.crmActivity.isEmpty {
            let activity = try await team.crmActivity(contactIDs: rows.crmActivity)
            for id in rows.crmActivity {
                let found = activity[id] ?? ([], [])
                try copy.saveCRMActivity(contactID: id, notes: found.notes, tasks: found.tasks)
            }
        }
        for link in rows.crmLinks {
            guard let local = sources[link.source] else { continue }
            try copy.setCRMLink(
                sourceID: local, customerID: link.customerID, contactID: link.contactID,
                now: Date(timeIntervalSince1970: TimeInterval(link.setAt)))
        }
        return !rows.crmLocations.isEmpty || !rows.crmContacts.isEmpty || !rows.crmActivity.isEmpty
            || !rows.crmLinks.isEmpty
    }
}
