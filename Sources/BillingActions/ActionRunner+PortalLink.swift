import BillingCore
import BillingSync
import Foundation

extension ActionRunner {
    /// Fetches the customer's billing-portal link with this source's key (Chargify directly or through Truto's
    /// proxy), or the one line to show when there is none. A `Result`, not a typed throw: a typed catch in an
    /// async command crashed the 6.3 compiler (see `ActionExecution.oneLine`).
    public func portalLink(customerID: String) async -> Result<BillingPortalLink, ActionProblem> {
        do { return .success(try await fetchPortalLink(customerID: customerID)) } catch { return .failure(error) }
    }

    func fetchPortalLink(customerID: String) async throws(ActionProblem) -> BillingPortalLink {
        let path = ActionRequestBuilder.route(BillingPortalLink.path(customerID: customerID), source: config)
        var request = HTTPRequest(url: config.baseURL + path, maxResponseBytes: 64 << 10)
        request.headers = ActionRequestBuilder.authorization(config)
        let response: HTTPResponse
        do { response = try await transport.send(request) } catch {
            throw ActionProblem("could not fetch the portal link: \(TextSanitizer.clean(String(describing: error)))")
        }
        switch response.status {
        case 200:
            guard let link = BillingPortalLink.parse(response.body) else {
                throw ActionProblem("the provider's answer holds no usable link (not an http(s) URL)")
            }
            return link
        case 404:
            throw ActionProblem("no billing portal for this customer (404): is the portal enabled on the site?")
        case 429:
            throw ActionProblem("Maxio gives a customer's portal link at most 15 times a day; try again tomorrow")
        case 401, 403:
            throw ActionProblem("the provider refused the key (\(response.status)); check the source's key")
        default:
            throw ActionProblem("the provider answered \(response.status) to the portal link request")
        }
    }
}
