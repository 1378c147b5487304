import Synchronization

/// What a source turned out to support, learned once per runner (a site or an integration does not
/// change while billtop runs).
final class SiteCapabilities: Sendable {
    /// Whether the site-wide components listing exists (`/subscriptions_components.json`, or the same
    /// resource through Truto's proxy): nil until the first answer.
    let siteComponentsListing = Mutex<Bool?>(nil)
    /// Whether the site-wide price points listing exists (`/components_price_points.json`, or the same through
    /// Truto's proxy): nil until the first answer; without it, each component's price points are read.
    let sitePricePointsListing = Mutex<Bool?>(nil)
    /// Whether a component's allocations listing exists (`/subscriptions/{id}/components/{cid}/allocations.json`,
    /// or the same through Truto's proxy): nil until the first answer; without it, seat history is the events'.
    let allocationsListing = Mutex<Bool?>(nil)
    /// The components ("subscription/component") whose allocation history this process has read: the history
    /// is evidence from before the first sync, and later seat changes arrive as events, so a subscription that
    /// changes every few minutes (a dashboard's syncs) must not cost a request each time.
    let allocationHistoriesRead = Mutex<Set<String>>([])
}
