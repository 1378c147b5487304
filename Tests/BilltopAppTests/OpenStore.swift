import BillingCore
import BillingStore
import Foundation

/// A small store on disk for the `billtop open` and timeline tests: customers 1001 (Jane, reference CRM-1,
/// invoice 7 of her subscription 50) and 7 (whose id is Jane's invoice number), in source "acme" at
/// https://acme.chargify.com; a second source "beta" on another host with its own customer 1001.
struct OpenStore {
    let store: BillingStore
    let directory: URL
    let acme: SourceInfo

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("open-\(UUID().uuidString)")
        store = try BillingStore.open(path: directory.appendingPathComponent("t.sqlite").path)
        acme = try store.registerSource(name: "acme", kind: "chargify", baseURL: "https://acme.chargify.com")
        let beta = try store.registerSource(name: "beta", kind: "chargify", baseURL: "http://127.0.0.1:9")
        let usd = { (minor: Int64) in Money(minorUnits: minor, currency: .usd) }
        try store.apply(
            PageWrite(
                sourceID: acme.id, stream: "events",
                customers: [
                    Self.customer("1001", "Jane", "Doe", "jane@acme.io", reference: "CRM-1"),
                    Self.customer("7", "Seven", "Ids", "seven@acme.io", reference: ""),
                ],
                subscriptions: [
                    Incoming(
                        value: Subscription(
                            id: "50", customerID: "1001", state: .pastDue, productName: "Pro", productPrice: usd(4_900)),
                        raw: "{}")
                ],
                invoices: [
                    Incoming(
                        value: Invoice(
                            id: "inv_7a", number: "7", customerID: "1001", subscriptionID: "50", status: .open,
                            currency: .usd, issueDate: LocalDate(iso: "2026-05-01"),
                            dueDate: LocalDate(iso: "2026-05-15"),
                            total: usd(9_800), due: usd(9_800)),
                        raw: "{}")
                ],
                events: [
                    Self.event(1, "payment_success", sub: "50", data: "{\"amount_in_cents\":4900}"),
                    Self.event(
                        2, "payment_failure", sub: "50",
                        data: "{\"amount_in_cents\":\"9800\",\"failure_message\":\"Card declined\\u001b[2J\"}"),
                    Self.event(3, "customer_update", sub: nil, data: "not json"),
                ]))
        try store.apply(
            PageWrite(
                sourceID: beta.id, stream: "customers",
                customers: [Self.customer("1001", "Jan", "Beta", "jane@acme.io", reference: "B-1")]))
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    static func customer(_ id: String, _ first: String, _ last: String, _ email: String, reference: String)
        -> Incoming<Customer>
    {
        Incoming(
            value: Customer(id: id, firstName: first, lastName: last, email: email, reference: reference), raw: "{}")
    }

    static func event(_ id: Int64, _ key: String, sub: String?, data: String) -> Incoming<BillingEvent> {
        Incoming(
            value: BillingEvent(
                id: id, key: key, message: "event \(id)", subscriptionID: sub, customerID: "1001",
                createdAt: Timestamp(secondsSinceEpoch: 1_780_000_000 + id * 86_400), eventSpecificData: data),
            raw: "{}")
    }
}
