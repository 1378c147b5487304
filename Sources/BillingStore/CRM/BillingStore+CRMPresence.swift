import Foundation
import GRDB

extension BillingStore {
    /// Whether any CRM contact is stored: without a GHL source the customer screen shows no CRM panel (and
    /// reads none of its tables).
    public func hasCRMContacts() throws -> Bool {
        try pool.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM crm_contact)") ?? false }
    }
}
