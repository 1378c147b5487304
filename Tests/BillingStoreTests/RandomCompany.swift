import BillingCore
import BillingStore
import Foundation

/// A small seeded company and random changes to it, written the way a sync writes them (pages), for the
/// incremental-aggregate property test.
struct RandomCompany {
    var random: SplitMix64
    var subscriptions: [String: Subscription] = [:]
    var invoices: [String: Invoice] = [:]
    var customers: [String: Customer] = [:]
    var nextID = 100
    var nextEvent: Int64 = 1
    /// What the last change page did (for a failure's message).
    var lastChange = ""

    static let products = [("p1", 2_900), ("p2", 9_900), ("p3", 4_900)]
    static let currencies: [Currency] = [.usd, .eur]

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func pick(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }

    func at(_ day: String) -> Timestamp {
        Timestamp(secondsSinceEpoch: Int64(LocalDate(iso: day)!.daysSinceEpoch) * 86_400)
    }

    /// A day of the history: from 2024-08 to the as-of day.
    mutating func someDay() -> LocalDate { LocalDate(iso: "2024-08-01")!.adding(days: pick(680)) }

    mutating func newSubscription(customer: String, currency: Currency) -> Subscription {
        nextID += 1
        let (product, price) = Self.products[pick(Self.products.count)]
        let started = someDay()
        return Subscription(
            id: "s\(nextID)", customerID: customer, state: .active, productID: product, productName: product,
            productPrice: Money(minorUnits: Int64(price), currency: currency),
            interval: pick(4) == 0 ? BillingInterval(count: 12, unit: .month) : .monthly,
            components: [
                SubscriptionComponent(
                    componentID: "seats", name: "Seats", kind: .quantityBased,
                    quantity: ExactDecimal(Int64(1 + pick(5))),
                    unitPrice: Money(minorUnits: 1_000, currency: currency))
            ],
            activatedAt: Timestamp(secondsSinceEpoch: Int64(started.daysSinceEpoch) * 86_400),
            createdAt: Timestamp(secondsSinceEpoch: Int64(started.daysSinceEpoch) * 86_400),
            updatedAt: Timestamp(secondsSinceEpoch: Int64(started.daysSinceEpoch) * 86_400))
    }

    mutating func newInvoice(customer: String, currency: Currency, open: Bool) -> Invoice {
        nextID += 1
        let due = LocalDate(iso: "2026-06-25")!.adding(days: -pick(150))
        let total = Money(minorUnits: Int64(1_000 + pick(20_000)), currency: currency)
        return Invoice(
            id: "i\(nextID)", number: "INV-\(nextID)", customerID: customer, status: open ? .open : .paid,
            currency: currency, issueDate: due.adding(days: -30), dueDate: due, paidDate: open ? nil : due,
            total: total, paid: open ? .zero(currency) : total, due: open ? total : .zero(currency))
    }

    mutating func firstPage(sourceID: Int64) -> PageWrite {
        for n in 1...8 {
            let id = "c\(n)"
            customers[id] = Customer(id: id, firstName: "F\(n)", lastName: "L\(n)", email: "c\(n)@x.io")
            let currency = Self.currencies[pick(2)]
            for _ in 0...pick(2) {
                let s = newSubscription(customer: id, currency: currency)
                subscriptions[s.id] = s
            }
            for _ in 0..<pick(3) {
                let i = newInvoice(customer: id, currency: currency, open: pick(2) == 0)
                invoices[i.id] = i
            }
        }
        return page(
            sourceID: sourceID, subscriptions: Array(subscriptions.values), invoices: Array(invoices.values),
            customers: Array(customers.values))
    }

    func page(
        sourceID: Int64, subscriptions: [Subscription] = [], invoices: [Invoice] = [], customers: [Customer] = [],
        events: [BillingEvent] = [], tombstones: [Tombstone] = []
    ) -> PageWrite {
        PageWrite(
            sourceID: sourceID, stream: "changes",
            customers: customers.sorted { $0.id < $1.id }.map {
                Incoming(value: $0, raw: "{\"id\":\"\($0.id)\",\"n\":\"\($0.lastName)\"}")
            },
            subscriptions: subscriptions.sorted { $0.id < $1.id }.map {
                Incoming(value: $0, raw: "{\"id\":\"\($0.id)\",\"u\":\($0.updatedAt?.secondsSinceEpoch ?? 0)}")
            },
            invoices: invoices.sorted { $0.id < $1.id }.map {
                Incoming(
                    value: $0,
                    raw:
                        "{\"id\":\"\($0.id)\",\"s\":\"\($0.status.apiValue)\",\"d\":\"\($0.dueDate?.description ?? "")\"}"
                )
            },
            events: events.map { Incoming(value: $0, raw: "{\"id\":\($0.id)}") }, tombstones: tombstones)
    }

    /// One random change to one or two customers.
    mutating func changePage(sourceID: Int64, step: Int) -> PageWrite {
        let when = Timestamp(
            secondsSinceEpoch: Int64(LocalDate(iso: "2026-01-05")!.adding(days: step * 9).daysSinceEpoch) * 86_400)
        let live = subscriptions.keys.sorted()
        guard !live.isEmpty else { return page(sourceID: sourceID) }
        var s = subscriptions[live[pick(live.count)]]!
        s.updatedAt = when
        var events: [BillingEvent] = []
        switch pick(11) {
        case 0:
            s.state = [.pastDue, .canceled, .active, .unpaid, .onHold][pick(5)]
            if s.state == .canceled { s.canceledAt = when }
            lastChange = "state of \(s.id) to \(s.state.apiValue)"
        case 1:
            s.components[0].quantity = ExactDecimal(Int64(1 + pick(9)))
            events.append(
                BillingEvent(
                    id: nextEvent, key: "component_allocation_change", subscriptionID: s.id, customerID: s.customerID,
                    createdAt: when,
                    eventSpecificData:
                        "{\"component_id\":\"seats\",\"previous_allocation\":\"2\",\"new_allocation\":\"\(s.components[0].quantity)\"}"
                ))
            lastChange = "seats of \(s.id)"
        case 2:
            let (product, price) = Self.products[pick(Self.products.count)]
            events.append(
                BillingEvent(
                    id: nextEvent, key: "subscription_product_change", subscriptionID: s.id, customerID: s.customerID,
                    createdAt: when,
                    eventSpecificData: "{\"previous_product_id\":\"\(s.productID)\",\"new_product_id\":\"\(product)\"}")
            )
            s.productID = product
            s.productPrice = Money(minorUnits: Int64(price), currency: s.currency)
            lastChange = "product of \(s.id) to \(product)"
        case 3:
            // The subscription moves to the other currency (a provider re-creating it under the same id).
            let other: Currency = s.currency == .usd ? .eur : .usd
            s.productPrice = Money(minorUnits: s.productPrice.minorUnits, currency: other)
            s.components[0].unitPrice = Money(minorUnits: 1_000, currency: other)
            lastChange = "currency of \(s.id) to \(other.code)"
        case 4:
            s.state = .active
            s.canceledAt = nil
            let fresh = newSubscription(customer: s.customerID, currency: s.currency)
            subscriptions[fresh.id] = fresh
            lastChange = "reactivation of \(s.id) and new \(fresh.id)"
        case 5:
            subscriptions[s.id] = nil
            lastChange = "tombstone of \(s.id)"
            return page(
                sourceID: sourceID,
                tombstones: [Tombstone(table: .subscription, remoteID: s.id, at: when.secondsSinceEpoch)])
        case 6:
            let ids = invoices.keys.sorted()
            if let id = ids.isEmpty ? nil : ids[pick(ids.count)] {
                var i = invoices[id]!
                if pick(3) == 0 {
                    invoices[id] = nil
                    lastChange = "tombstone of \(id)"
                    return page(
                        sourceID: sourceID,
                        tombstones: [Tombstone(table: .invoice, remoteID: id, at: when.secondsSinceEpoch)])
                }
                i.status = i.status == .open ? .paid : .open
                i.due = i.status == .open ? i.total : .zero(i.currency)
                i.paid = i.status == .open ? .zero(i.currency) : i.total
                i.dueDate = i.dueDate?.adding(days: pick(40) - 20)
                invoices[id] = i
                lastChange = "invoice \(id) now \(i.status.apiValue)"
                return page(sourceID: sourceID, invoices: [i])
            }
            fallthrough
        case 7:
            let i = newInvoice(customer: s.customerID, currency: Self.currencies[pick(2)], open: true)
            invoices[i.id] = i
            lastChange = "new open invoice \(i.id) for \(s.customerID)"
            return page(sourceID: sourceID, invoices: [i])
        case 8:
            events.append(BillingEvent(id: nextEvent, key: "payment_failure", subscriptionID: s.id, createdAt: when))
            s.state = .pastDue
            lastChange = "payment failure of \(s.id)"
        case 9:
            // The subscription moves to another customer, a new one now and then.
            let target = "c\(1 + pick(10))"
            if customers[target] == nil {
                customers[target] = Customer(id: target, firstName: "New", lastName: target, email: "\(target)@x.io")
            }
            s.customerID = target
            lastChange = "\(s.id) moves to \(target)"
        default:
            let ids = customers.keys.sorted()
            var c = customers[ids[pick(ids.count)]]!
            if pick(3) == 0 {
                customers[c.id] = nil
                lastChange = "tombstone of customer \(c.id)"
                return page(
                    sourceID: sourceID,
                    tombstones: [Tombstone(table: .customer, remoteID: c.id, at: when.secondsSinceEpoch)])
            }
            c.lastName += "x"
            customers[c.id] = c
            lastChange = "rename of \(c.id)"
            return page(sourceID: sourceID, customers: [c])
        }
        nextEvent += Int64(events.count)
        subscriptions[s.id] = s
        let owner = customers[s.customerID].map { [$0] } ?? []
        return page(sourceID: sourceID, subscriptions: [s], customers: owner, events: events)
    }
}
