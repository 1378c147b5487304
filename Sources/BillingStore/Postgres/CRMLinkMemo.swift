/// What serve's GHL rounds last worked out from the team store, with the change numbers it was worked out at.
///
/// Every GHL round on a team store asks which contacts are linked to a billing customer, and which contacts'
/// notes and tasks have been read, so that it can read those of contacts linked since. Working the links out
/// reads every customer, contact and manual link (about 200,000 rows at 100k customers) and the second question
/// reads one row per read contact, each minute per location, for an answer that changes only when those tables
/// do. Each table's highest `change_seq` (an index's last entry) says whether it did: no row of them is ever
/// deleted (customers and links keep a tombstone or a null), so any change moves a maximum.
struct CRMLinkMemo: Sendable {
    /// The highest change numbers of `customer`, `crm_contact` and `crm_link_override` the links were worked
    /// out at, and the answer.
    var linksKey: [Int64]?
    var linked: [String] = []
    /// The highest change number of `crm_activity` the read contacts were listed at, and the list.
    var activityKey: Int64?
    var read: Set<String> = []
    /// How many times the links were worked out in full (for tests: an unchanged round must not).
    var linkComputations = 0
}
