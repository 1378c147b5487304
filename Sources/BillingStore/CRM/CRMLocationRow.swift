/// A GHL location's row as the team store holds it, copied whole into a viewer's copy: its name, the base URL its
/// token was used with, the mark its contacts were read up to and when serve last synced it.
public struct CRMLocationRow: Sendable, Equatable {
    public var locationID: String
    public var name: String
    public var baseURL: String
    public var highWater: Int64?
    public var lastSyncAt: Int64?
    /// `CRMUserDigest` of the location's users as serve last stored them; nil in a store from before
    /// `v16-pg-crm-users-digest` (the copy then reads the users).
    public var usersDigest: Int64?

    public init(
        locationID: String, name: String, baseURL: String, highWater: Int64?, lastSyncAt: Int64?,
        usersDigest: Int64? = nil
    ) {
        self.locationID = locationID
        self.name = name
        self.baseURL = baseURL
        self.highWater = highWater
        self.lastSyncAt = lastSyncAt
        self.usersDigest = usersDigest
    }
}
