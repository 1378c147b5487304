import Sandbox
import Testing

/// A search for a family name in the demo must not return a page of identical rows: 600 generated customers
/// rarely share a full name (the two planted "Maria Garcia" twins aside): 12 pairs (2%) with seed 1, never three.
struct NameVarietyTests {
    @Test func sixHundredCustomersRarelyRepeatAFullName() {
        let company = CompanyGenerator.generate(SandboxConfiguration(customers: 600))
        var counts: [String: Int] = [:]
        for customer in company.customers { counts["\(customer.firstName) \(customer.lastName)", default: 0] += 1 }
        let repeated = counts.filter { $0.key != "Maria Garcia" && $0.value > 1 }
        #expect(repeated.values.reduce(0, +) <= 24, "repeated names: \(repeated)")
        #expect(repeated.values.allSatisfy { $0 <= 2 }, "a name three times or more: \(repeated)")
    }

    @Test func everyGeneratedEmailIsASCIIAndUnique() {
        let company = CompanyGenerator.generate(SandboxConfiguration(customers: 600))
        #expect(company.customers.allSatisfy { $0.email.unicodeScalars.allSatisfy(\.isASCII) })
        #expect(Set(company.customers.map(\.email)).count == company.customers.count)
    }
}
