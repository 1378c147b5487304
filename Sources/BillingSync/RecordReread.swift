import BillingCore
import BillingStore
import Foundation

/// One record read back after an action (`GET /invoices/{uid}.json`, `/subscriptions/{id}.json`,
/// `/customers/{id}.json`, directly or through Truto's proxy, which answers the provider's body verbatim),
/// mapped as the sync maps it and ready for the store's normal write path, so the dashboard and the
/// aggregates follow the action at once instead of at the next sync.
public enum RecordReread {
    /// The page that writes the record in `body` for `sourceID`; nil when the body is not such a record.
    ///
    /// A subscription is mapped without the site's catalogue (one action must not re-read the catalogue), so
    /// it keeps the components and coupons the store already holds (`stored`): an action changes the state,
    /// the dates and the balance, never the catalogue's prices.
    public static func page(
        _ body: Data, target: ActionKind.Target, sourceID: Int64, stored: Subscription? = nil
    ) -> PageWrite? {
        let name = target.rawValue
        var list = Data("[".utf8)
        list.append(body)
        list.append(Data("]".utf8))
        guard let decoded = try? DecodedList(list, key: nil, unwrapping: name), let object = decoded.objects.first
        else { return nil }
        let text = decoded.texts[0]
        let mapper = ChargifyMapper()
        switch target {
        case .invoice:
            guard let invoice = mapper.invoice(object, text: text) else { return nil }
            return PageWrite(sourceID: sourceID, stream: "invoices", invoices: [invoice])
        case .customer:
            guard let customer = mapper.customer(object, text: text) else { return nil }
            return PageWrite(sourceID: sourceID, stream: "customers", customers: [customer])
        case .subscription:
            guard var subscription = mapper.subscription(object, components: [], text: text) else { return nil }
            if let stored {
                subscription.value.components = stored.components
                subscription.value.coupons = stored.coupons
                subscription.flags.removeAll { $0.hasPrefix("coupon_codes") }
            }
            return PageWrite(sourceID: sourceID, stream: "subscriptions", subscriptions: [subscription])
        }
    }
}
