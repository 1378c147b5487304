import BillingCore

/// GHL CRM contacts overlapping the billing company as a real CRM does: most customers have a contact (some
/// with the e-mail in other letter case), a few e-mails belong to two contacts, and leads exist only in the CRM
/// (some tagged `customer` but not yet billed, one in five of those without a last name). Owners are the
/// location's users; linked contacts carry notes and tasks, some overdue.
enum GHLGenerator {
    static func contacts(customers: [SandboxCustomer], config: SandboxConfiguration) -> [GHLContact] {
        var random = SandboxRandom(seed: config.seed, stream: 0x6411)
        let owners = users(seed: config.seed)
        var contacts: [GHLContact] = []
        for (index, customer) in customers.enumerated() where index % 4 != 3 {
            // Every seventh shares the address in other letter case: the link must fold case.
            let email = index % 7 == 5 ? customer.email.uppercased() : customer.email
            let added = customer.createdAt - 86_400
            var contact = GHLContact(
                id: contactID(seed: config.seed, serial: UInt64(index)), locationID: config.ghlLocationID,
                firstName: customer.firstName, lastName: customer.lastName, email: email, phone: customer.phone,
                companyName: customer.organization, address1: customer.address, city: customer.city,
                state: customer.state, country: customer.country, postalCode: customer.zip, tags: ["customer"],
                dateAdded: added, dateUpdated: added, notes: [])
            contact.assignedTo = owners[index % owners.count].id
            contact.notes = [
                GHLNote(
                    id: contactID(seed: config.seed, serial: UInt64(4_000_000_000 + index)),
                    body: "Kick-off call with \(customer.firstName): plan chosen, invoices to \(customer.email)",
                    userID: contact.assignedTo, dateAdded: added + 3_600)
            ]
            if index % 3 == 0 {
                // Due a week either side of today: some tasks are overdue.
                let due = config.now.secondsSinceEpoch + Int64(random.int(-7...7)) * 86_400
                contact.tasks = [
                    GHLTask(
                        id: contactID(seed: config.seed, serial: UInt64(5_000_000_000 + index)),
                        title: "Quarterly check-in", body: "", dueDate: due, completed: false,
                        assignedTo: contact.assignedTo, dateUpdated: added)
                ]
            }
            contacts.append(contact)
            if index % 11 == 1 {
                // A colleague filed under the same (billing) address: two contacts, one e-mail.
                var colleague = contact
                colleague.id = contactID(seed: config.seed, serial: UInt64(6_000_000_000 + index))
                let culture = NameBank.culture(&random)
                colleague.firstName = random.pick(culture.firsts)
                colleague.notes = []
                colleague.tasks = []
                colleague.tags = ["billing-contact"]
                contacts.append(colleague)
            }
        }
        let extra = max(2, customers.count / 10)
        for serial in 0..<extra {
            let culture = NameBank.culture(&random)
            let first = random.pick(culture.firsts)
            let last = random.pick(culture.lasts)
            let added = config.now.secondsSinceEpoch - Int64(random.int(1...400)) * 86_400
            let slug = NameBank.slug(first + last)
            // Even serials are won deals waiting for a billing account; every fifth of all has no last name.
            var contact = GHLContact(
                id: contactID(seed: config.seed, serial: UInt64(1_000_000_000 + serial)),
                locationID: config.ghlLocationID,
                firstName: first, lastName: serial % 5 == 4 ? "" : last,
                email: "\(slug.isEmpty ? "lead" : slug).lead\(serial)@example.com",
                phone: "+1 555 \(random.int(1000...9999))", companyName: random.pick(NameBank.orgStems),
                address1: "",
                city: random.pick(culture.cities), state: "", country: culture.country, postalCode: "",
                tags: serial % 2 == 0 ? ["customer", "new"] : ["lead"], dateAdded: added, dateUpdated: added,
                notes: [])
            contact.assignedTo = owners[serial % owners.count].id
            contacts.append(contact)
        }
        contacts.sort { $0.id < $1.id }
        return contacts
    }

    /// The location's users (owners), fixed by the seed.
    static func users(seed: UInt64) -> [GHLUser] {
        [("Maya", "Okafor"), ("Jonas", "Berg"), ("Priya", "Raman"), ("Luis", "Ortega")].enumerated().map {
            GHLUser(
                id: contactID(seed: seed, serial: UInt64(7_000_000_000 + $0.offset)), firstName: $0.element.0,
                lastName: $0.element.1, email: "\($0.element.0.lowercased())@sandbox-crm.example")
        }
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// A 20-character GHL-style id fixed by the seed and a serial.
    static func contactID(seed: UInt64, serial: UInt64) -> String {
        var random = SandboxRandom(seed: SandboxRandom.hash(seed, serial, 0x6411))
        return String(decoding: (0..<20).map { _ in alphabet[random.below(alphabet.count)] }, as: UTF8.self)
    }
}
