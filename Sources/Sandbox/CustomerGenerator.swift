/// Generates one customer: an international name, an organisation, contact details and a creation time.
enum CustomerGenerator {
    static func customer(index: Int, id: Int, createdAt: Int64, hostile: Bool, random: inout SandboxRandom)
        -> SandboxCustomer
    {
        let culture = NameBank.culture(&random)
        var (first, last) = NameBank.fullName(culture, &random)
        // Two customers share a name (index 1 and 2), one has a very long name: the UI must cope.
        if index == 1 || index == 2 {
            first = "Maria"
            last = "Garcia"
        } else if index == 3 {
            first = "Wolfeschlegelsteinhausenbergerdorff-Maximiliane-Alexandra"
            last = "von Hohenzollern-Sigmaringen und Überlingen-am-Bodensee"
        }
        var organization = ""
        if random.chance(fraction: 0.8) {
            organization = random.pick(NameBank.orgStems)
            let suffix = random.pick(NameBank.orgSuffixes)
            if !suffix.isEmpty { organization += " " + suffix }
            if index == 4 { organization = "🚀🚀 Ünïcødé Émoji Holdings 株式会社 شركة 🚀🚀" }
        }
        let slug = [NameBank.slug(first), NameBank.slug(last)].filter { !$0.isEmpty }.joined(separator: ".")
        let local = slug.isEmpty ? "customer\(id)" : "\(slug).\(id)"
        let email = "\(local)@\(random.pick(NameBank.emailDomains))"
        if hostile, random.chance(fraction: 0.15) { first = HostileText.taint(first, &random) }
        if hostile, random.chance(fraction: 0.15) { last = HostileText.taint(last, &random) }
        if hostile, !organization.isEmpty, random.chance(fraction: 0.15) {
            organization = HostileText.taint(organization, &random)
        }
        let changed = random.chance(fraction: 0.3) ? Int64(random.int(3_600...(86_400 * 90))) : 0
        return SandboxCustomer(
            id: id, firstName: first, lastName: last, email: email,
            ccEmails: random.chance(fraction: 0.1) ? "billing.\(id)@\(random.pick(NameBank.emailDomains))" : "",
            organization: organization, reference: "cus_\(String(id, radix: 36))",
            phone: "+\(random.int(1...99)) \(random.int(100...999)) \(random.int(1000...9999))",
            address: "\(random.int(1...999)) \(random.pick(NameBank.streets))",
            address2: random.chance(fraction: 0.2) ? "Suite \(random.int(1...50))" : "",
            city: random.pick(culture.cities), state: "", zip: String(random.int(10000...99999)),
            country: culture.country, locale: culture.locale,
            vatNumber: ["FR", "DE", "ES", "GB"].contains(culture.country) && random.chance(fraction: 0.5)
                ? "\(culture.country)\(random.int(100_000_000...999_999_999))" : "",
            taxExempt: random.chance(fraction: 0.03), parentID: nil,
            createdAt: createdAt, updatedAt: createdAt + changed)
    }
}
