import BillingCore

/// One GoHighLevel location to read contacts from and provision billing customers for
/// (`[[source]] kind = "ghl"`, or `billtop sync --ghl URL --location ID` with `BILLTOP_GHL_TOKEN`).
public struct GHLSource: Sendable, Hashable {
    public var name: String
    /// `https://services.leadconnectorhq.com` (no trailing slash).
    public var baseURL: String
    public var locationID: String
    /// The private integration or OAuth token. Never logged, stored or shown.
    public var secret: String
    /// Contacts per search page (GHL allows 500).
    public var pageSize: Int
    /// How far before the last run's newest `dateUpdated` an incremental search starts.
    public var overlapSeconds: Int
    public var intervalSeconds: Int
    public var allowInsecureHTTP: Bool
    public var maxResponseBytes: Int
    /// Provisioning writes the new customer's id to this custom field (id or key) of the contact; nil: none.
    public var writeBackField: String?
    /// ... and adds this tag to the contact ("" for none).
    public var writeBackTag: String
    /// The billing source provisioning creates customers in (nil: the store's only billing source).
    public var billingSource: String?

    /// The `Version` header GHL requires on every call.
    public static let apiVersion = "2021-07-28"
    public static let defaultURL = "https://services.leadconnectorhq.com"

    public init(
        name: String, baseURL: String = GHLSource.defaultURL, locationID: String, secret: String, pageSize: Int = 500,
        overlapSeconds: Int = 300, intervalSeconds: Int = 300, allowInsecureHTTP: Bool = false,
        maxResponseBytes: Int = ResponseLimit.defaultBytes, writeBackField: String? = nil,
        writeBackTag: String = "billing-customer", billingSource: String? = nil
    ) {
        self.name = name
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.locationID = locationID
        self.secret = secret
        self.pageSize = max(1, min(pageSize, 500))
        self.overlapSeconds = max(0, overlapSeconds)
        self.intervalSeconds = max(5, intervalSeconds)
        self.allowInsecureHTTP = allowInsecureHTTP
        self.maxResponseBytes = max(1, maxResponseBytes)
        self.writeBackField = writeBackField.flatMap { $0.isEmpty ? nil : $0 }
        self.writeBackTag = writeBackTag
        self.billingSource = billingSource
    }
}
