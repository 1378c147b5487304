import BillingCore

/// Generates a whole company from a configuration; the same configuration gives the same company.
public enum CompanyGenerator {
    /// The first customer id (real Chargify ids are large integers).
    static let firstCustomerID = 40_000_001
    static let firstSubscriptionID = 70_000_001
    static let firstInvoiceNumber = 1_001

    /// Generates the company (catalogue, customers, subscriptions, invoice history, events, GHL contacts).
    public static func generate(_ config: SandboxConfiguration) -> Company {
        let now = config.now.secondsSinceEpoch
        let epoch = SandboxClock.adding(months: -40, to: now)
        let catalogue = CatalogueGenerator.generate(epoch: epoch)
        let factory = InvoiceFactory(
            products: catalogue.products, components: catalogue.components,
            pricePoints: catalogue.pricePoints, coupons: catalogue.coupons)
        let generator = SubscriptionGenerator(
            factory: factory, catalogue: catalogue, now: now, hostile: config.hostileStrings)
        let firstCreated = SandboxClock.adding(months: -36, to: now)
        let span = max(1, now - 86_400 - firstCreated)
        var customers: [SandboxCustomer] = []
        var subscriptions: [SandboxSubscription] = []
        var invoices: [SandboxInvoice] = []
        var events: [SandboxEvent] = []
        customers.reserveCapacity(config.customers)
        subscriptions.reserveCapacity(config.customers + config.customers / 20)
        invoices.reserveCapacity(config.customers * 12)
        let count = config.customers
        for index in 0..<count {
            var random = SandboxRandom(seed: config.seed, stream: 0x1000 + UInt64(index))
            // Creation times grow with the id; a share of recent sign-ups makes "new this month" real.
            let slot = span * Int64(index) / Int64(max(1, count))
            let createdAt =
                firstCreated + slot + Int64(random.below(Int(max(1, min(span / Int64(max(1, count)), 86_400)))))
            var customer = CustomerGenerator.customer(
                index: index, id: firstCustomerID + index, createdAt: createdAt,
                hostile: config.hostileStrings, random: &random)
            customer.updatedAt = min(customer.updatedAt, now)
            customers.append(customer)
            events.append(
                SandboxEvent(
                    id: 0, key: "customer_create", message: "Customer created", subscriptionID: nil,
                    customerID: customer.id, createdAt: createdAt, specificDataJSON: "{}"))
            let subscriptionCount = index % 25 == 24 ? 2 : (index % 50 == 49 ? 0 : 1)
            for _ in 0..<subscriptionCount {
                var output = generator.generate(
                    id: firstSubscriptionID + subscriptions.count, customer: customer,
                    ordinal: subscriptions.count, random: &random)
                events.append(
                    contentsOf: PlanHistoryGenerator.history(
                        of: &output.subscription, catalogue: catalogue, now: now, seed: config.seed))
                subscriptions.append(output.subscription)
                invoices.append(contentsOf: output.invoices)
                events.append(contentsOf: output.events)
            }
        }
        numberInvoices(&invoices, seed: config.seed)
        events.sort { ($0.createdAt, $0.customerID ?? 0, $0.key) < ($1.createdAt, $1.customerID ?? 0, $1.key) }
        for index in events.indices { events[index].id = 1_000_001 + index }
        let contacts = GHLGenerator.contacts(customers: customers, config: config)
        var company = Company(
            seed: config.seed, siteUTCOffsetSeconds: config.siteUTCOffsetSeconds,
            integratedAccountID: config.integratedAccountID, ghlLocationID: config.ghlLocationID, now: config.now,
            productFamilies: catalogue.families, products: catalogue.products, components: catalogue.components,
            pricePoints: catalogue.pricePoints, coupons: catalogue.coupons, customers: customers,
            subscriptions: subscriptions, invoices: invoices, events: events, ghlContacts: contacts)
        company.rebuildInvoiceIndex()
        return company
    }

    /// Sorts invoices by issue time and gives them increasing numbers and opaque uids. The permutation is
    /// applied in place, cycle by cycle, so a million invoices never exist twice in memory.
    static func numberInvoices(_ invoices: inout [SandboxInvoice], seed: UInt64) {
        var order = invoices.indices.sorted {
            (invoices[$0].createdAt, invoices[$0].subscriptionID ?? 0) < (
                invoices[$1].createdAt, invoices[$1].subscriptionID ?? 0
            )
        }
        // order[position] = source index; walk each cycle moving records into their sorted position.
        for start in order.indices where order[start] != start {
            var position = start
            let held = invoices[start]
            while order[position] != start {
                let source = order[position]
                invoices[position] = invoices[source]
                order[position] = position
                position = source
            }
            invoices[position] = held
            order[position] = position
        }
        for position in invoices.indices {
            let number = firstInvoiceNumber + position
            invoices[position].number = number
            invoices[position].uid = uid(prefix: "inv_", seed: seed, serial: UInt64(number))
            for line in invoices[position].lineItems.indices {
                invoices[position].lineItems[line].uid = uid(
                    prefix: "li_", seed: seed, serial: UInt64(number) << 8 | UInt64(line))
            }
        }
    }

    private static let uidAlphabet = Array("0123456789bcdfghjkmnpqrstvwxyz".utf8)

    /// A Chargify-looking uid fixed by the seed and a serial, 15 bytes in all ("inv_" + 11) so Swift keeps
    /// it inline instead of allocating (real uids are a little longer; clients must treat them as opaque).
    static func uid(prefix: String, seed: UInt64, serial: UInt64) -> String {
        var bits = SandboxRandom.hash(seed, serial)
        var bytes = Array(prefix.utf8)
        for _ in 0..<(15 - bytes.count) {
            bytes.append(uidAlphabet[Int(bits % UInt64(uidAlphabet.count))])
            bits /= UInt64(uidAlphabet.count)
            if bits == 0 { bits = SandboxRandom.hash(serial, seed) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
