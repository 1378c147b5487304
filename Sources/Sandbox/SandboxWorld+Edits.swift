extension SandboxWorld {
    /// Changes the company in place (tests: an invoice in JPY or KWD, an amount of 0.10), as an upstream
    /// edit would: the version moves so cached listings are rebuilt. Keep ids as they are: lookups index them.
    public func edit(_ change: @Sendable (inout Company) -> Void) {
        change(&company)
        company.version += 1
    }
}
