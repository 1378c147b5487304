import Synchronization

/// What a source turned out to support, learned once per runner (a site or an integration does not
/// change while billtop runs).
final class SiteCapabilities: Sendable {
    /// Whether the site-wide components listing exists (`/subscriptions_components.json`, or the same
    /// resource through Truto's proxy): nil until the first answer.
    let siteComponentsListing = Mutex<Bool?>(nil)
}
