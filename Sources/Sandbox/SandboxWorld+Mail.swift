import BillingCore

extension SandboxWorld {
    /// `POST /invoices/{uid}/deliveries.json`, already validated: records the e-mail. No recipients means
    /// the customer's own address (Maxio: "the subscription's defaults").
    func deliver(invoiceUID uid: String, to: [String], cc: [String], bcc: [String], token: String?)
        throws(ActionRefusal)
    {
        guard let invoice = company.invoice(uid: uid) else { throw .notFound }
        try checkToken(token)
        let recipients = to.isEmpty ? [company.customer(id: invoice.customerID)?.email].compactMap { $0 } : to
        ledger.sideEffects.append(
            SandboxSideEffect(
                kind: .delivery, worldTime: nowSeconds, invoiceUID: uid, subscriptionID: invoice.subscriptionID,
                customerID: invoice.customerID, recipients: recipients, cc: cc, bcc: bcc))
        commit(token)
    }

    /// Card-update e-mails one subscription may be sent in `cardUpdateWindow` seconds (Maxio's limit).
    static let cardUpdateLimit = 5
    static let cardUpdateWindow: Int64 = 1_800

    /// `POST /subscriptions/{id}/request_payment_profiles_update.json`: mails the customer the card-update
    /// link; the sixth within 30 world minutes is refused with 422.
    func requestCardUpdate(subscriptionID id: Int, token: String?) throws(ActionRefusal) {
        guard let s = company.subscription(id: id) else { throw .notFound }
        try checkToken(token)
        let admitted = ActionLedger.admit(
            &ledger.cardUpdateEmails, id, now: nowSeconds, window: Self.cardUpdateWindow, limit: Self.cardUpdateLimit)
        guard admitted else {
            throw ActionRefusal(
                422,
                "Too many card-update emails: at most \(Self.cardUpdateLimit) can be sent for one "
                    + "subscription in 30 minutes. Try again later.")
        }
        let email = company.customer(id: s.customerID)?.email
        ledger.sideEffects.append(
            SandboxSideEffect(
                kind: .cardUpdateEmail, worldTime: nowSeconds, subscriptionID: id, customerID: s.customerID,
                recipients: [email].compactMap { $0 }))
        commit(token)
    }

    /// `POST /subscriptions/{id}/notes.json`, body already checked for length.
    func addNote(subscriptionID id: Int, body: String, sticky: Bool, token: String?) throws(ActionRefusal)
        -> SandboxNote
    {
        guard let s = company.subscription(id: id) else { throw .notFound }
        try checkToken(token)
        let note = SandboxNote(
            id: (ledger.notes.last?.id ?? 0) + 1, subscriptionID: id, body: body, sticky: sticky,
            createdAt: nowSeconds, updatedAt: nowSeconds)
        ledger.notes.append(note)
        ledger.sideEffects.append(
            SandboxSideEffect(
                kind: .note, worldTime: nowSeconds, subscriptionID: id, customerID: s.customerID, text: body))
        commit(token)
        return note
    }

    /// Management-link requests allowed per customer in 24 world hours; more are answered 429.
    static let linkRequestLimit = 15
    /// How long a management link holds.
    static let linkLifetime: Int64 = 15 * 86_400

    /// `GET /portal/customers/{id}/management_link.json`: the customer's billing-portal link, the same link
    /// until it expires, with how often it was fetched.
    func managementLink(customerID id: Int) throws(ActionRefusal) -> PortalLink {
        guard company.customer(id: id) != nil else { throw .notFound }
        let admitted = ActionLedger.admit(
            &ledger.linkRequests, id, now: nowSeconds, window: 86_400, limit: Self.linkRequestLimit)
        guard admitted else {
            throw ActionRefusal(
                429,
                "The management link was requested more than \(Self.linkRequestLimit) times "
                    + "in 24 hours; try again tomorrow.")
        }
        if ledger.linkCreatedAt[id].map({ nowSeconds - $0 >= Self.linkLifetime }) ?? true {
            ledger.linkCreatedAt[id] = nowSeconds
            ledger.linkFetches[id] = 0
        }
        let created = ledger.linkCreatedAt[id] ?? nowSeconds
        ledger.linkFetches[id, default: 0] += 1
        let fetches = ledger.linkFetches[id, default: 1]
        return PortalLink(
            customerID: id, seed: configuration.seed, createdAt: created, fetchCount: fetches,
            lifetime: Self.linkLifetime)
    }
}
