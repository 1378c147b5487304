import BillingCore
import BillingStore
import Foundation

/// One sync of a GHL location into the store: contacts changed since the last run's newest `dateUpdated`
/// (minus the overlap; everything on the first run or with `full`), each page written with the mark in one
/// transaction; then the location's users; then the notes and tasks of the contacts linked to a billing
/// customer (all of them on a full run, else those whose contact changed in this run).
public struct GHLSync: Sendable {
    public let store: BillingStore
    public let client: GHLClient

    public struct Result: Sendable {
        public var contacts = 0
        public var pages = 0
        public var users = 0
        public var activityContacts = 0
        public var requests = 0
    }

    public init(store: BillingStore, client: GHLClient) {
        self.store = store
        self.client = client
    }

    public func run(full: Bool = false) async throws -> Result {
        let source = client.source
        try store.registerCRMLocation(locationID: source.locationID, name: source.name, baseURL: source.baseURL)
        let mark = full ? nil : try store.crmHighWater(locationID: source.locationID)
        let since = mark.map { max(0, $0 - Int64(source.overlapSeconds) * 1000) }
        var result = Result()
        var changed: Set<String> = []
        var cursor: [String]?
        repeat {
            let page = try await client.searchContacts(updatedSince: since, cursor: cursor)
            let newest = page.contacts.map(\.dateUpdated).max()
            try store.saveCRMContacts(page.contacts, locationID: source.locationID, highWater: newest ?? mark)
            result.contacts += page.contacts.count
            result.pages += 1
            changed.formUnion(page.contacts.map(\.id))
            // A cursor that does not move would loop forever on a broken server.
            guard page.next != cursor else { break }
            cursor = page.next
        } while cursor != nil
        let users = try await client.users()
        try store.saveCRMUsers(users, locationID: source.locationID)
        result.users = users.count
        for contactID in try linkedContacts() where full || mark == nil || changed.contains(contactID) {
            try await syncActivity(contactID: contactID)
            result.activityContacts += 1
        }
        result.requests = client.requests
        return result
    }

    /// A contact's notes and tasks, read and stored (also on demand for a contact no customer links to).
    public func syncActivity(contactID: String) async throws {
        let notes = try await client.notes(contactID: contactID)
        let tasks = try await client.tasks(contactID: contactID)
        try store.saveCRMActivity(contactID: contactID, notes: notes, tasks: tasks)
    }

    /// The contacts some customer of any billing source links to, sorted.
    func linkedContacts() throws -> [String] {
        var ids: Set<String> = []
        for source in try store.sources() { ids.formUnion(try store.crmLinks(sourceID: source.id).byContact.keys) }
        return ids.sorted()
    }
}
