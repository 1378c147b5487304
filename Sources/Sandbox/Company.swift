import BillingCore

/// The generated SaaS company: catalogue, customers, subscriptions, invoices, events and CRM contacts.
///
/// Every array is sorted by its id (invoices by `number`, events by `id`), and ids only grow, so
/// lookups are binary searches and pages are slices.
public struct Company: Sendable {
    public var seed: UInt64
    public var siteUTCOffsetSeconds: Int
    public var integratedAccountID: String
    public var ghlLocationID: String
    /// The company's "today" (the world clock).
    public var now: Timestamp
    public var productFamilies: [SandboxProductFamily]
    public var products: [SandboxProduct]
    public var components: [SandboxComponent]
    public var pricePoints: [SandboxPricePoint]
    public var coupons: [SandboxCoupon]
    public var customers: [SandboxCustomer]
    public var subscriptions: [SandboxSubscription]
    public var invoices: [SandboxInvoice]
    public var events: [SandboxEvent]
    public var ghlContacts: [GHLContact]
    /// Allocations whose `component_allocation_change` events the log no longer holds (tests: a seat change
    /// known only from the allocations listing).
    public var allocationsWithoutEvents: [SandboxAllocationRecord] = []
    /// Coupons the world added or removed, oldest first (no event tells of them).
    public var couponChanges: [SandboxCouponChange] = []
    /// Increases on every change, so the server can cache filtered listings per version.
    public var version: Int = 0
    var invoiceIndexByUID: [String: Int] = [:]

    /// A company with no records, holding `other`'s identity (a cheap placeholder while the world simulates).
    static func empty(like other: Company) -> Company {
        Company(
            seed: other.seed, siteUTCOffsetSeconds: other.siteUTCOffsetSeconds,
            integratedAccountID: other.integratedAccountID,
            ghlLocationID: other.ghlLocationID, now: other.now, productFamilies: [], products: [], components: [],
            pricePoints: [], coupons: [], customers: [], subscriptions: [], invoices: [], events: [], ghlContacts: [],
            version: other.version)
    }

    /// The customer with a Chargify id.
    public func customer(id: Int) -> SandboxCustomer? {
        customerIndex(id: id).map { customers[$0] }
    }

    /// The subscription with a Chargify id.
    public func subscription(id: Int) -> SandboxSubscription? {
        subscriptionIndex(id: id).map { subscriptions[$0] }
    }

    /// The invoice with a uid.
    public func invoice(uid: String) -> SandboxInvoice? {
        invoiceIndexByUID[uid].map { invoices[$0] }
    }

    public func product(id: Int) -> SandboxProduct? { products.first { $0.id == id } }
    public func component(id: Int) -> SandboxComponent? {
        Company.binarySearch(components.count, id) { components[$0].id }.map { components[$0] }
    }
    public func pricePoint(id: Int) -> SandboxPricePoint? {
        Company.binarySearch(pricePoints.count, id) { pricePoints[$0].id }.map { pricePoints[$0] }
    }
    public func family(id: Int) -> SandboxProductFamily? { productFamilies.first { $0.id == id } }
    public func coupon(code: String) -> SandboxCoupon? { coupons.first { $0.code == code } }

    /// The subscriptions of one customer, oldest first.
    public func subscriptions(customerID: Int) -> [SandboxSubscription] {
        subscriptions.filter { $0.customerID == customerID }
    }

    func customerIndex(id: Int) -> Int? { Company.binarySearch(customers.count, id) { customers[$0].id } }
    func subscriptionIndex(id: Int) -> Int? { Company.binarySearch(subscriptions.count, id) { subscriptions[$0].id } }
    func contactIndex(id: String) -> Int? { ghlContacts.firstIndex { $0.id == id } }

    mutating func rebuildInvoiceIndex() {
        var index: [String: Int] = [:]
        index.reserveCapacity(invoices.count)
        for (position, invoice) in invoices.enumerated() { index[invoice.uid] = position }
        invoiceIndexByUID = index
    }

    /// Index of `id` in an ascending sequence read through `key`.
    static func binarySearch(_ count: Int, _ id: Int, key: (Int) -> Int) -> Int? {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if key(mid) < id { low = mid + 1 } else { high = mid }
        }
        return low < count && key(low) == id ? low : nil
    }

    /// First index whose key is >= `value` in an ascending sequence.
    static func lowerBound(_ count: Int, _ value: Int, key: (Int) -> Int) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if key(mid) < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
