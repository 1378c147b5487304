/// A customer's billing-portal management link (`GET /portal/customers/{id}/management_link.json`) and the
/// self-service page token a subscription shows with `include[]=self_service_page_token`.
struct PortalLink: Sendable, Equatable {
    var customerID: Int
    var seed: UInt64
    var createdAt: Int64
    var fetchCount: Int
    var lifetime: Int64

    /// Fixed by the seed, the customer and the link's creation, like the real link's path.
    var url: String {
        "https://sandbox.billingportal.com/manage/\(customerID)/\(createdAt)/"
            + Self.hex(SandboxRandom.hash(seed, UInt64(customerID), UInt64(createdAt)))
    }

    var expiresAt: Int64 { createdAt + lifetime }

    /// Assumed: a new link can be had once this one has expired (Maxio's rule for `new_link_available_at`
    /// is not confirmed).
    var newLinkAvailableAt: Int64 { expiresAt }

    /// The token of a subscription's self-service page, fixed by the seed and the subscription.
    static func selfServicePageToken(seed: UInt64, subscriptionID: Int) -> String {
        hex(SandboxRandom.hash(seed, UInt64(subscriptionID), 0x5E1F))
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    func encode(offset: Int, into w: inout JSONWriter) {
        w.object { w in
            w.field("url", url)
            w.field("fetch_count", fetchCount)
            w.time("created_at", createdAt, offset: offset)
            w.time("new_link_available_at", newLinkAvailableAt, offset: offset)
            w.time("expires_at", expiresAt, offset: offset)
            w.null("last_invite_sent_at")
        }
    }
}
