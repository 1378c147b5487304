import Testing

@testable import BillingSync

/// Every HTTP failure names its request: method and path (never the query), status and reason, message.
@Suite struct HTTPStatusTextTests {
    @Test func aRefusalNamesTheRequestTheStatusAndTheServersMessage() {
        let request = HTTPStatusText.request(path: "/coupons.json?page=2&per_page=200&integrated_account_id=secret-ish")
        #expect(request == "GET /coupons.json")
        #expect(
            HTTPStatusText.answered(request, status: 404, message: "Not found")
                == "GET /coupons.json answered 404 Not Found: Not found")
        #expect(
            SyncError.rejected(status: 403, message: "Forbidden for this key", request: request).description
                == "GET /coupons.json answered 403 Forbidden: Forbidden for this key")
        #expect(
            SyncError.keyRejected(source: "acme", request: "GET /customers.json answered 401 Unauthorized").description
                == "the API key for source acme was rejected (GET /customers.json answered 401 Unauthorized)")
        #expect(
            HTTPStatusText.noResponse("GET /events.json", message: "connection refused (network error -1004)")
                == "GET /events.json: no response: connection refused (network error -1004)")
    }

    @Test func unlistedStatusesAreNamedByTheirClass() {
        #expect(HTTPStatusText.reason(418) == "Client Error")
        #expect(HTTPStatusText.reason(599) == "Server Error")
        #expect(
            HTTPStatusText.answered("GET /x.json", status: 520, message: "") == "GET /x.json answered 520 Server Error")
    }
}
