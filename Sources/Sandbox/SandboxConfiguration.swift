import BillingCore

/// Everything that decides a sandbox company and how its server behaves; every field has a default.
public struct SandboxConfiguration: Sendable {
    /// The seed of every generated value: the same seed gives the same company byte for byte.
    public var seed: UInt64
    /// How many customers the company starts with.
    public var customers: Int
    /// "Today" for the generated history; the world clock starts here.
    public var now: Timestamp
    /// Mix escape sequences, control characters and bidi overrides into names, organisations and memos.
    public var hostileStrings: Bool
    /// The Chargify API key (Basic auth user name; the password is "x").
    public var chargifyAPIKey: String
    /// The Truto bearer token.
    public var trutoToken: String
    /// The GHL bearer token.
    public var ghlToken: String
    /// The Truto integrated account id every unified and proxy call must carry.
    public var integratedAccountID: String
    /// The GHL location id of the generated contacts.
    public var ghlLocationID: String
    /// The Chargify site's time zone as an offset from UTC; times are written with this offset.
    public var siteUTCOffsetSeconds: Int
    /// The faults the server injects.
    public var faults: FaultPlan
    /// How many bytes of encoded records the server may keep to answer repeated listings from
    /// (`EncodedRecordCache`); 0 encodes every record on every request. Set by `billtop-bench sandbox` only.
    package var encodedRecordCacheBytes = 128 << 20

    /// The default "today": 2026-06-20T12:00:00Z.
    public static let defaultNow = Timestamp(secondsSinceEpoch: 1_781_956_800)

    public init(
        seed: UInt64 = 1,
        customers: Int = 2000,
        now: Timestamp = SandboxConfiguration.defaultNow,
        hostileStrings: Bool = false,
        chargifyAPIKey: String = "sandbox",
        trutoToken: String = "sandbox",
        ghlToken: String = "sandbox",
        integratedAccountID: String? = nil,
        ghlLocationID: String? = nil,
        siteUTCOffsetSeconds: Int = 0,
        faults: FaultPlan = .none
    ) {
        self.seed = seed
        self.customers = max(0, customers)
        self.now = now
        self.hostileStrings = hostileStrings
        self.chargifyAPIKey = chargifyAPIKey
        self.trutoToken = trutoToken
        self.ghlToken = ghlToken
        self.integratedAccountID = integratedAccountID ?? SandboxConfiguration.uuid(seed: seed, stream: 0x1A)
        self.ghlLocationID = ghlLocationID ?? SandboxConfiguration.locationID(seed: seed)
        self.siteUTCOffsetSeconds = siteUTCOffsetSeconds
        self.faults = faults
    }

    /// A version-4-shaped UUID string fixed by the seed.
    static func uuid(seed: UInt64, stream: UInt64) -> String {
        var random = SandboxRandom(seed: seed, stream: stream)
        let hex = Array("0123456789abcdef")
        var out = ""
        for index in 0..<32 {
            if [8, 12, 16, 20].contains(index) { out.append("-") }
            var nibble = Int(random.next() & 0xF)
            if index == 12 { nibble = 4 }
            if index == 16 { nibble = 8 | (nibble & 3) }
            out.append(hex[nibble])
        }
        return out
    }

    /// A GHL-style 20-character location id fixed by the seed.
    static func locationID(seed: UInt64) -> String {
        var random = SandboxRandom(seed: seed, stream: 0x6B)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<20).map { _ in alphabet[random.below(alphabet.count)] })
    }
}
