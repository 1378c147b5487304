import BillingCore
import BillingStore
import BillingSync
import Foundation

/// Provisioning (issue 19 point 4): contacts with no billing customer become one, exactly once. Each create
/// goes through the action core (`ActionRunner`: journalled first, with its uniqueness token; an attempt cut
/// off by a crash is resumed with the same token), and is preceded by a look-up of the customer whose
/// `reference` is the contact id, so a run that died between the create and the write-back is repaired by
/// the next one instead of creating a duplicate. The write-back (custom field, tag, note) is idempotent:
/// fields and tags are set, the note is added only when the contact does not have it yet (GHL has no
/// idempotency key: look before you add). Either engine: one person's store, or the team store where the keys
/// are (`billtop ghl provision --store postgres://`).
public struct GHLProvisioner: Sendable {
    public let store: any CRMActionReads
    public let runner: ActionRunner
    public let ghl: GHLClient

    public init(store: any CRMActionReads, runner: ActionRunner, ghl: GHLClient) {
        self.store = store
        self.runner = runner
        self.ghl = ghl
    }

    /// The note written on the contact once its billing account exists.
    public static func note(customerID: String) -> String {
        "Billing account created (Chargify customer \(customerID))"
    }

    /// The plan over the stored contacts: those with `tag` (any when nil) updated since `since` (ms; any when nil).
    public func plan(tag: String?, since: Int64?) async throws -> [ProvisionStep] {
        let sourceID = runner.source.id
        let (linker, customers) = try await store.crmLinker(sourceID: sourceID)
        let (byCustomer, byContact) = linker.links(customers)
        var byEmail: [String: [String]] = [:]
        for customer in customers where !CRMContact.emailKey(customer.email).isEmpty {
            byEmail[CRMContact.emailKey(customer.email), default: []].append(customer.id)
        }
        let byReference = Dictionary(
            customers.filter { !$0.reference.isEmpty }.map { ($0.reference, $0.id) }, uniquingKeysWith: { a, _ in a })
        var steps: [ProvisionStep] = []
        for contact in try await store.crmContacts() {
            if let tag, !contact.hasTag(tag) { continue }
            if let since, contact.dateUpdated < since { continue }
            if let linked = byContact[contact.id]?.sorted().first {
                // Only provisioning's own customers (linked by reference) are written back; one matched by
                // e-mail or by hand existed before and is left as the CRM has it.
                guard case .contact(_, .reference) = byCustomer[linked] else {
                    let basis = byCustomer[linked].map(\.summary) ?? ""
                    steps.append(
                        ProvisionStep(
                            contact: contact, kind: .done, customerID: linked,
                            reason: "has customer \(linked): \(basis)"))
                    continue
                }
                let written = isWrittenBack(contact, customerID: linked)
                steps.append(
                    ProvisionStep(
                        contact: contact, kind: written ? .done : .link, customerID: linked,
                        reason: written ? "has customer \(linked)" : "has customer \(linked); write-back missing"))
                continue
            }
            if let id = byReference[contact.id] {
                // The reference names it, but a manual unlink overrides: leave it to the person who unlinked.
                steps.append(
                    ProvisionStep(
                        contact: contact, kind: .skip, customerID: id, reason: "customer \(id) was unlinked by hand"))
                continue
            }
            if let missing = Self.missingField(contact) {
                steps.append(ProvisionStep(contact: contact, kind: .skip, reason: "no \(missing); add it in the CRM"))
                continue
            }
            if let sharing = byEmail[contact.emailKey], !sharing.isEmpty {
                let states = sharing.map { byCustomer[$0]?.summary ?? "" }
                steps.append(
                    ProvisionStep(
                        contact: contact, kind: .skip, customerID: sharing.first,
                        reason: "its e-mail is customer \(sharing.sorted().joined(separator: ", "))'s, not linked "
                            + "(\(states.first ?? "")); link by hand with `billtop link CUSTOMER \(contact.id)`"))
                continue
            }
            steps.append(ProvisionStep(contact: contact, kind: .create, reason: "no billing customer"))
        }
        return steps
    }

    /// Carries out the plan's creates and links; skips and done steps come back as they are.
    public func run(_ plan: [ProvisionStep]) async -> [ProvisionStep] {
        var out: [ProvisionStep] = []
        for step in plan {
            switch step.kind {
            case .create, .link: out.append(await provision(step))
            default: out.append(step)
            }
        }
        return out
    }

    /// One contact: resume or look up before creating, then write back.
    func provision(_ step: ProvisionStep) async -> ProvisionStep {
        var step = step
        let contact = step.contact
        do {
            var customerID = step.customerID
            var created = false
            if customerID == nil { customerID = try await existingCustomer(reference: contact.id) }
            if customerID == nil {
                let results = try await runner.perform(Self.createAction(contact))
                guard let last = results.last, last.succeeded else {
                    let why = results.last?.outcome.message ?? "no attempt was made"
                    return ProvisionStep(contact: contact, kind: .failed, reason: "create: \(TextSanitizer.clean(why))")
                }
                customerID = try await existingCustomer(reference: contact.id)
                created = last.outcome.state == .done
            }
            guard let customerID else {
                return ProvisionStep(
                    contact: contact, kind: .failed,
                    reason: "the customer was created but cannot be read back; run provisioning again to link it")
            }
            try await writeBack(contact, customerID: customerID)
            step.customerID = customerID
            step.kind = created ? .create : .link
            step.reason =
                created
                ? "customer \(customerID) created, written back"
                : "customer \(customerID) (reference \(contact.id)) found, written back"
            return step
        } catch {
            return ProvisionStep(
                contact: contact, kind: .failed, customerID: step.customerID,
                reason: TextSanitizer.clean(String(describing: error)))
        }
    }

    /// The customer whose reference is the contact id: first any create of it cut off earlier is resumed
    /// (the journal), then the store, then the provider (`GET /customers/lookup.json?reference=`), whose answer
    /// is stored.
    func existingCustomer(reference: String) async throws -> String? {
        let sourceID = runner.source.id
        let pending = try await store.pendingActions(sourceID: sourceID).filter {
            $0.kind == ActionKind.createCustomer.rawValue && $0.parameters.contains("\"reference\":\"\(reference)\"")
        }
        if let entry = pending.first {
            _ = await runner.send(entry, resumed: true)
        }
        if let stored = try await store.crmLinker(sourceID: sourceID).customers.first(where: {
            $0.reference == reference
        }) {
            return stored.id
        }
        let path = ActionRequestBuilder.route(
            "/customers/lookup.json?reference=\(ActionRequestBuilder.escape(reference))", source: runner.config)
        var request = HTTPRequest(url: runner.config.baseURL + path, maxResponseBytes: 4 << 20)
        request.headers = ActionRequestBuilder.authorization(runner.config)
        let response = try await runner.transport.send(request)
        if response.status == 404 { return nil }
        guard response.status == 200,
            let page = RecordReread.page(response.body, target: .customer, sourceID: sourceID),
            let customer = page.customers.first
        else {
            throw ActionProblem("could not look up the customer with reference \(reference) (HTTP \(response.status))")
        }
        try await store.commit(page)
        return customer.value.id
    }

    /// The custom field, the tag and the note; each a no-op when already there.
    func writeBack(_ contact: CRMContact, customerID: String) async throws {
        let source = ghl.source
        if let field = source.writeBackField, contact.customFields[field] != customerID {
            try await ghl.setCustomFields(contactID: contact.id, [field: customerID])
        }
        if !source.writeBackTag.isEmpty, !contact.hasTag(source.writeBackTag) {
            try await ghl.addTags(contactID: contact.id, [source.writeBackTag])
        }
        let text = Self.note(customerID: customerID)
        let notes = try await ghl.notes(contactID: contact.id)
        if !notes.contains(where: { $0.body == text }),
            let note = try await ghl.addNote(contactID: contact.id, body: text)
        {
            try await store.saveCRMNote(note)
        }
        var updated = contact
        if let field = source.writeBackField { updated.customFields[field] = customerID }
        if !source.writeBackTag.isEmpty, !contact.hasTag(source.writeBackTag) {
            updated.tags.append(source.writeBackTag)
        }
        try await store.saveCRMContacts([updated], locationID: source.locationID, highWater: nil, now: Date())
    }

    /// Written back as far as the store knows: the field holds the id (when configured) and the tag is there.
    func isWrittenBack(_ contact: CRMContact, customerID: String) -> Bool {
        let source = ghl.source
        if let field = source.writeBackField, contact.customFields[field] != customerID { return false }
        return source.writeBackTag.isEmpty || contact.hasTag(source.writeBackTag)
    }

    /// The first required field the contact lacks: e-mail, first name, last name.
    static func missingField(_ contact: CRMContact) -> String? {
        if contact.email.trimmingCharacters(in: .whitespaces).isEmpty { return "e-mail" }
        if contact.firstName.isEmpty { return "first name" }
        if contact.lastName.isEmpty { return "last name" }
        return nil
    }

    static func createAction(_ contact: CRMContact) -> Action {
        var action = Action(kind: .createCustomer, objectID: "")
        action.newCustomer = Action.NewCustomer(
            firstName: contact.firstName, lastName: contact.lastName,
            email: contact.email.trimmingCharacters(in: .whitespaces), organization: contact.companyName,
            reference: contact.id, phone: contact.phone.trimmingCharacters(in: .whitespaces))
        return action
    }
}
