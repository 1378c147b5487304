import BillingCore

/// What the CRM side's billing work reads, on either engine: dunning tasks (`DunningTasks`), provisioning
/// (`GHLProvisioner`) and the GHL-to-billing field flow (`CustomerFieldFlow`), on one person's SQLite store or on
/// the team store (serve's GHL rounds; `billtop ghl provision --store postgres://` where the keys are). Beside
/// the records and the journal: the contacts, the links, a subscription's recent events, and the few customers
/// that can have reached a dunning stage, so a round reads those rather than every linked customer.
public protocol CRMActionReads: RecordStore & CRMRecords {
    /// The link rules over every contact, manual link and live customer of the source, and those customers.
    func crmLinker(sourceID: Int64) async throws -> (linker: CRMLinker, customers: [CRMLinker.Customer])
    /// Every stored contact, by id.
    func crmContacts() async throws -> [CRMContact]
    /// The live customer of the source whose id, e-mail (any case) or reference is `idOrEmail`; nil when none
    /// or several.
    func customer(sourceID: Int64, idOrEmail: String) async throws -> Stored<Customer>?
    /// The links of `customerIDs` by `CRMLinker`'s rules with the manual links (one read for them all); a
    /// customer that is not live is left out.
    func crmLinks(sourceID: Int64, customerIDs: [String]) async throws -> [String: CRMLink]
    /// One stored contact, or nil.
    func crmContact(id: String) async throws -> CRMContact?
    /// Events of one subscription, newest first.
    func events(subscription key: RecordKey, limit: Int) async throws -> [BillingEvent]
    /// Every customer of the source that may have reached a stage on the store's present day: one with an open
    /// invoice due from `dueFrom` through `dueThrough`, or with a subscription whose latest failed payment has no
    /// success after it. A superset, read through indexes and one pass over the payment events: each is then
    /// judged by the rules on its whole record. (An invoice no longer open owed nothing today, so it is no
    /// candidate; a day in the past would need the paid ones too.)
    func dunningCandidates(sourceID: Int64, dueFrom: LocalDate, dueThrough: LocalDate) async throws -> [String]
}

/// The failed-payment events that can start a retry stage (`DunningTasks.unrecoveredFailure`).
public enum DunningEventKeys {
    public static let failures = ["payment_failure", "renewal_failure"]
    public static let successes = ["payment_success", "renewal_success"]
}
