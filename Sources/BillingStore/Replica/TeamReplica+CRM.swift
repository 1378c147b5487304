import BillingCore

/// The CRM side of a copy's round: locations whole (then their users, read afresh, since users are replaced as a
/// whole), contacts as serve stored them, and for each contact whose activity was stamped its notes and tasks
/// read afresh (a note deleted in GHL leaves no row to follow, so the whole set is what is copied).
extension TeamReplica {
    /// Applies a batch's CRM rows; true when it held any.
    func applyCRM(_ rows: ChangedRows) async throws -> Bool {
        for location in rows.crmLocations { try copy.mirrorCRMLocation(location) }
        if !rows.crmLocations.isEmpty {
            let ids = rows.crmLocations.map(\.locationID)
            let users = try await team.crmUsers(locationIDs: ids)
            for id in ids { try copy.saveCRMUsers(users[id] ?? [], locationID: id) }
        }
        try copy.mirrorCRMContacts(rows.crmContacts)
        if !rows.crmActivity.isEmpty {
            let activity = try await team.crmActivity(contactIDs: rows.crmActivity)
            for id in rows.crmActivity {
                let found = activity[id] ?? ([], [])
                try copy.saveCRMActivity(contactID: id, notes: found.notes, tasks: found.tasks)
            }
        }
        return !rows.crmLocations.isEmpty || !rows.crmContacts.isEmpty || !rows.crmActivity.isEmpty
    }
}
