import BillingCore

/// What the dunning tasks (`DunningTasks`, `[crm] dunning_tasks = true`) read, on either engine: one person's
/// SQLite store after `billtop sync`, or the team store after serve's GHL round. Beside the records and the
/// journal, a customer's link, the contact, a subscription's recent events, and the few customers that can have
/// reached a stage, so a round reads those customers rather than every linked one.
public protocol DunningReads: RecordStore & CRMRecords {
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
