import BillingCore
import Foundation

/// Where a GHL sync keeps a location's contacts, users, notes and tasks: one person's SQLite store, or the team's
/// PostgreSQL store that `billtop serve` keeps and every viewer's copy follows (issue 18). `GHLSync` is written
/// against this, so the same rules (the mark moved only with its page, activity read for linked contacts) hold on
/// both engines.
public protocol CRMRecords: Sendable {
    /// Registers (or renames) a GHL location; its contacts are kept under its id.
    func registerCRMLocation(locationID: String, name: String, baseURL: String) async throws

    /// The newest `dateUpdated` (ms) the location's contacts were read up to; nil before the first sync.
    func crmHighWater(locationID: String) async throws -> Int64?

    /// Upserts a page of contacts and moves the location's mark to `highWater` (never back), in one transaction.
    func saveCRMContacts(_ contacts: [CRMContact], locationID: String, highWater: Int64?, now: Date) async throws

    /// Replaces the location's users.
    func saveCRMUsers(_ users: [CRMUser], locationID: String) async throws

    /// Replaces a contact's notes and tasks with a complete listing of both.
    func saveCRMActivity(contactID: String, notes: [CRMNote], tasks: [CRMTask]) async throws

    /// Keeps one note just written to GHL, so it shows before the next sync.
    func saveCRMNote(_ note: CRMNote) async throws

    /// Keeps one task just created or completed in GHL.
    func saveCRMTask(_ task: CRMTask) async throws

    /// The contacts some live customer of any billing source links to (by `CRMLinker`'s rules), sorted.
    func crmLinkedContactIDs() async throws -> [String]

    /// The contacts whose notes and tasks were ever read into this store, so a sync reads them for a contact that
    /// became linked since (a new billing customer for an old contact); nil for a store that does not keep this,
    /// which then reads them only for contacts that changed, or on a full run.
    func crmContactsWithActivity() async throws -> Set<String>?
}

extension BillingStore: CRMRecords {
    /// Not kept: one person's `billtop sync` syncs its GHL locations after its billing sources (`CRMAfterSync`), so
    /// the first run finds the links; `billtop sync --full` reads every linked contact's notes and tasks.
    public func crmContactsWithActivity() async throws -> Set<String>? { nil }

    public func crmLinkedContactIDs() async throws -> [String] {
        var ids: Set<String> = []
        for source in try sources() { ids.formUnion(try crmLinks(sourceID: source.id).byContact.keys) }
        return ids.sorted()
    }
}
