import BillingCore
import BillingStore
import Foundation

/// One sync of a GHL location into the store: contacts changed since the last run's newest `dateUpdated`
/// (minus the overlap; everything on the first run or with `full`), each page written with the mark in one
/// transaction; then the location's users; then the notes and tasks of the contacts linked to a billing
/// customer (all of them on a full run, else those whose contact changed in this run). The store is either engine:
/// one person's SQLite store, or the team's PostgreSQL store under `billtop serve`.
public struct GHLSync: Sendable {
    public let store: any CRMRecords
    public let client: GHLClient

    public struct Result: Sendable {
        public var contacts = 0
        public var pages = 0
        public var users = 0
        public var activityContacts = 0
        public var requests = 0
    }

    public init(store: any CRMRecords, client: GHLClient) {
        self.store = store
        self.client = client
    }

    public func run(full: Bool = false) async throws -> Result {
        let source = client.source
        try await store.registerCRMLocation(locationID: source.locationID, name: source.name, baseURL: source.baseURL)
        let mark = full ? nil : try await store.crmHighWater(locationID: source.locationID)
        let since = mark.map { max(0, $0 - Int64(source.overlapSeconds) * 1000) }
        var result = Result()
        var changed: Set<String> = []
        var cursor: [String]?
        repeat {
            let page = try await client.searchContacts(updatedSince: since, cursor: cursor)
            let newest = page.contacts.map(\.dateUpdated).max()
            try await store.saveCRMContacts(
                page.contacts, locationID: source.locationID, highWater: newest ?? mark, now: Date())
            result.contacts += page.contacts.count
            result.pages += 1
            changed.formUnion(page.contacts.map(\.id))
            // A cursor that does not move would loop forever on a broken server.
            guard page.next != cursor else { break }
            cursor = page.next
        } while cursor != nil
        let users = try await client.users()
        try await store.saveCRMUsers(users, locationID: source.locationID)
        result.users = users.count
        let everyLinked = full || mark == nil
        // Contacts linked since their notes and tasks were last read (a new customer for an old contact), where
        // the store keeps which were read: the team store, whose GHL rounds run beside the billing sync.
        let read = try await store.crmContactsWithActivity()
        // Working out the links reads every customer and contact: not done for a run that cannot need it.
        if everyLinked || !changed.isEmpty || read != nil {
            for contactID in try await store.crmLinkedContactIDs()
            where everyLinked || changed.contains(contactID) || read.map({ !$0.contains(contactID) }) == true {
                try await syncActivity(contactID: contactID)
                result.activityContacts += 1
            }
        }
        result.requests = client.requests
        return result
    }

    /// A contact's notes and tasks, read and stored (also on demand for a contact no customer links to).
    public func syncActivity(contactID: String) async throws {
        let notes = try await client.notes(contactID: contactID)
        let tasks = try await client.tasks(contactID: contactID)
        try await store.saveCRMActivity(contactID: contactID, notes: notes, tasks: tasks)
    }

    /// One contact a webhook named, re-read with its notes and tasks (the location's mark stays where it is:
    /// the next incremental run still reads everything after it). False when GHL no longer has the contact.
    @discardableResult
    public func refreshContact(id: String) async throws -> Bool {
        let source = client.source
        try await store.registerCRMLocation(locationID: source.locationID, name: source.name, baseURL: source.baseURL)
        guard let contact = try await client.contact(id: id) else { return false }
        let mark = try await store.crmHighWater(locationID: source.locationID)
        try await store.saveCRMContacts([contact], locationID: source.locationID, highWater: mark, now: Date())
        try await syncActivity(contactID: id)
        return true
    }
}
