import BillingCore
import BillingStore

/// Synthetic pages shaped like a Chargify first sync (what `bench write` commits): customers with
/// sequential ids, then invoices in number order (issue dates rising) for random customers, with random
/// uids, two or three line items, a payment when paid, and a raw JSON text as long as the sandbox's
/// (~2.2 KB). No HTTP, no decoding: only the store's write path is timed.
struct BenchWritePages {
    let customers: Int
    let invoicesPerCustomer: Int
    let pageSize: Int
    private var random = SplitMix64(seed: 7)
    /// Days since epoch of the first invoice (2024-01-01).
    private let firstDay = 19_723

    init(customers: Int, invoicesPerCustomer: Int, pageSize: Int) {
        self.customers = customers
        self.invoicesPerCustomer = invoicesPerCustomer
        self.pageSize = pageSize
    }

    var invoiceCount: Int { customers * invoicesPerCustomer }

    /// Customers `range` as one page.
    mutating func customerPage(_ range: Range<Int>) -> [Incoming<Customer>] {
        range.map { n in
            let id = String(40_000_000 + n)
            let first = Self.names[n % Self.names.count]
            let last = Self.names[(n / Self.names.count + n) % Self.names.count] + "son"
            let customer = Customer(
                id: id, firstName: first, lastName: last, email: "\(first.lowercased()).\(id)@corp.example",
                organization: n % 3 == 0 ? "" : "\(last) Ltd", reference: "cus_\(token(5))", phone: "+1 555 0100",
                city: "Springfield", country: "US", createdAt: Timestamp(secondsSinceEpoch: 1_700_000_000 + Int64(n)),
                updatedAt: Timestamp(secondsSinceEpoch: 1_700_000_000 + Int64(n)))
            return Incoming(value: customer, raw: raw(id, length: 520))
        }
    }

    /// Invoices `range` (by number) as one page.
    mutating func invoicePage(_ range: Range<Int>) -> [Incoming<Invoice>] {
        range.map { n in
            let uid = "inv_" + token(11)
            let customer = String(40_000_000 + Int(random.next() % UInt64(customers)))
            // Listed by number: issue dates rise through the listing (730 days over the whole run).
            let issue = LocalDate(daysSinceEpoch: firstDay + n * 730 / max(invoiceCount, 1))
            let due = LocalDate(daysSinceEpoch: issue.daysSinceEpoch + Int(random.next() % 31))
            let roll = random.next() % 100
            let status: InvoiceStatus = roll < 85 ? .paid : roll < 95 ? .open : .voided
            let currency = roll % 4 == 0 ? Currency.eur : Currency.usd
            let lines = (0..<(2 + Int(random.next() % 2))).map { k in
                let amount = Money(minorUnits: Int64(500 + random.next() % 20_000), currency: currency)
                return InvoiceLineItem(
                    id: "li_" + token(12), title: k == 0 ? "Pro" : "Seats",
                    description: "plan billed in \(currency.code)",
                    unitPrice: amount, subtotal: amount, total: amount, periodStart: issue, periodEnd: due,
                    productID: "5200002", componentID: k == 0 ? nil : "91000\(k)",
                    kind: k == 0 ? "baseline" : "quantity_based_component",
                    isRecurring: true)
            }
            let total = Money(minorUnits: lines.reduce(0) { $0 + $1.total.minorUnits }, currency: currency)
            let paid = status == .paid ? total : .zero(currency)
            let payments =
                status == .paid
                ? [
                    Payment(
                        id: String(7_000_000_000 + n), transactionTime: Timestamp(startOf: issue),
                        originalAmount: total,
                        appliedAmount: total, method: "credit_card", methodDetail: "visa XXXX-1111")
                ]
                : []
            let stamp = Timestamp(startOf: issue)
            let invoice = Invoice(
                id: uid, number: String(1001 + n), customerID: customer,
                subscriptionID: String(70_000_000 + Int(random.next() % UInt64(customers))),
                status: status, currency: currency, issueDate: issue, dueDate: due,
                paidDate: status == .paid ? issue : nil,
                total: total, paid: paid, due: status == .open ? total : .zero(currency), productName: "Pro",
                lineItems: lines, payments: payments, createdAt: stamp, updatedAt: stamp)
            return Incoming(value: invoice, raw: raw(uid, length: 2_200))
        }
    }

    /// A JSON-ish text of about `length` bytes, varied enough that it does not compress to nothing.
    private mutating func raw(_ id: String, length: Int) -> String {
        var text = "{\"id\":\"\(id)\",\"fields\":\""
        while text.utf8.count < length - 2 { text += token(16) + " " }
        return text + "\"}"
    }

    private mutating func token(_ count: Int) -> String {
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
        return String(decoding: (0..<count).map { _ in alphabet[Int(random.next() % 36)] }, as: UTF8.self)
    }

    private static let names = [
        "Ada", "Bela", "Chen", "Dana", "Emeka", "Farah", "Goran", "Hana", "Ines", "Jonas", "Kofi", "Lena", "Mateo",
        "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zofia",
    ]
}
