import BillingCore

/// GHL CRM contacts: a third share an e-mail with a billing customer, a tenth more exist only in the CRM.
enum GHLGenerator {
    static func contacts(customers: [SandboxCustomer], config: SandboxConfiguration) -> [GHLContact] {
        var random = SandboxRandom(seed: config.seed, stream: 0x6411)
        var contacts: [GHLContact] = []
        for (index, customer) in customers.enumerated() where index % 3 == 0 {
            contacts.append(
                GHLContact(
                    id: contactID(seed: config.seed, serial: UInt64(index)), locationID: config.ghlLocationID,
                    firstName: customer.firstName, lastName: customer.lastName, email: customer.email,
                    phone: customer.phone,
                    companyName: customer.organization, address1: customer.address, city: customer.city,
                    state: customer.state,
                    country: customer.country, postalCode: customer.zip, tags: ["customer"],
                    dateAdded: customer.createdAt - 86_400, dateUpdated: customer.createdAt - 86_400, notes: []))
        }
        let extra = max(1, customers.count / 10)
        for serial in 0..<extra {
            let culture = NameBank.culture(&random)
            let first = random.pick(culture.firsts)
            let last = random.pick(culture.lasts)
            let added = config.now.secondsSinceEpoch - Int64(random.int(1...400)) * 86_400
            let slug = NameBank.slug(first + last)
            contacts.append(
                GHLContact(
                    id: contactID(seed: config.seed, serial: UInt64(1_000_000_000 + serial)),
                    locationID: config.ghlLocationID,
                    firstName: first, lastName: last,
                    email: "\(slug.isEmpty ? "lead" : slug).lead\(serial)@example.com",
                    phone: "+1 555 \(random.int(1000...9999))", companyName: random.pick(NameBank.orgStems),
                    address1: "",
                    city: random.pick(culture.cities), state: "", country: culture.country, postalCode: "",
                    tags: ["lead"], dateAdded: added, dateUpdated: added, notes: []))
        }
        contacts.sort { $0.id < $1.id }
        return contacts
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// A 20-character GHL-style id fixed by the seed and a serial.
    static func contactID(seed: UInt64, serial: UInt64) -> String {
        var random = SandboxRandom(seed: SandboxRandom.hash(seed, serial, 0x6411))
        return String(decoding: (0..<20).map { _ in alphabet[random.below(alphabet.count)] }, as: UTF8.self)
    }
}
