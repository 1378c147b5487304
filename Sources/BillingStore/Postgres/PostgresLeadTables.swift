/// `v12-pg-lead-epoch`: each source's current lead, moved on by every serve that takes the source's lock and
/// read FOR SHARE by every write of its records (`LeadEpochs`).
enum PostgresLeadTables {
    static let statements: [String] = [
        """
        CREATE TABLE source_lead (
            source_id bigint PRIMARY KEY REFERENCES source(id),
            epoch bigint NOT NULL
        )
        """
    ]
}
