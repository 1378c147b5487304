import BillingCore

/// Owns the company and its clock. Time only moves through `advance`, so every change is deterministic:
/// the same seed and the same sequence of advances give the same company.
public actor SandboxWorld {
    /// The company as it is now.
    public internal(set) var company: Company
    let configuration: SandboxConfiguration
    var life: SandboxRandom
    /// Uniqueness tokens seen on writes, with the time they were first used (seconds, world clock).
    var uniquenessTokens: [String: Int64] = [:]
    /// Side effects, notes and rate windows of writes (see `ActionLedger`).
    var ledger = ActionLedger()

    /// A world around a freshly generated company.
    public init(_ configuration: SandboxConfiguration) {
        self.configuration = configuration
        self.company = CompanyGenerator.generate(configuration)
        self.life = SandboxRandom(seed: configuration.seed, stream: 0x11FE)
    }

    /// A world around an already generated company (lets benchmarks time generation separately).
    public init(company: Company, configuration: SandboxConfiguration) {
        self.configuration = configuration
        self.company = company
        self.life = SandboxRandom(seed: configuration.seed, stream: 0x11FE)
    }

    /// The world's "today".
    public var now: Timestamp { company.now }

    /// Moves the clock forward; payments arrive, invoices go overdue, customers sign up, upgrade,
    /// downgrade and cancel, and every change bumps `updated_at` and emits events.
    public func advance(seconds: Int64) {
        guard seconds > 0 else { return }
        // Take the company out of the actor while simulating so its arrays stay uniquely referenced:
        // otherwise the first change would copy every array (a million invoices) on every tick.
        let taken = company
        company = Company.empty(like: taken)
        var simulator = WorldSimulator(company: consume taken, configuration: configuration, random: life)
        simulator.advance(seconds: seconds)
        company = simulator.company
        life = simulator.random
        company.version += 1
    }

    /// Moves the clock forward with nothing happening: a quiet night. The server's `Date` header follows
    /// the world's clock, so a client that takes its high-water mark from it sees time pass only when the
    /// world's clock moves (`advance` for a living company, this for an idle one).
    public func idle(seconds: Int64) {
        guard seconds > 0 else { return }
        company.now = Timestamp(secondsSinceEpoch: company.now.secondsSinceEpoch + seconds)
    }

    /// Records a uniqueness token; false when it was already used within the last 60 minutes.
    func claim(uniquenessToken token: String) -> Bool {
        guard (try? checkToken(token)) != nil else { return false }
        commit(token)
        return true
    }

    /// Adds a customer created through the API: the next id, created now, with a `customer_create` event.
    func insert(customer draft: SandboxCustomer) -> SandboxCustomer {
        var customer = draft
        let now = company.now.secondsSinceEpoch
        customer.id = (company.customers.last?.id ?? CompanyGenerator.firstCustomerID - 1) + 1
        customer.createdAt = now
        customer.updatedAt = now
        company.customers.append(customer)
        company.events.append(
            SandboxEvent(
                id: (company.events.last?.id ?? 1_000_000) + 1, key: "customer_create", message: "Customer created",
                subscriptionID: nil, customerID: customer.id, createdAt: now, specificDataJSON: "{}"))
        company.version += 1
        return customer
    }
}
