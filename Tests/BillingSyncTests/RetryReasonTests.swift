import Testing

@testable import BillingSync

/// What a retry shows while it waits: the cause first (a header cut to 80 columns still says it), then
/// which attempt failed, then the request.
struct RetryReasonTests {
    @Test func theCauseComesFirstThenTheAttemptThenTheRequest() {
        let refused = RequestExecutor.retryReason(
            status: nil, message: "connection refused (network error -1004)",
            path: "/customers.json?page=2&per_page=200",
            attempt: 3, of: 8)
        #expect(refused == "connection refused (network error -1004), attempt 3 of 8: GET /customers.json")
        let failing = RequestExecutor.retryReason(
            status: 503, message: "Service Unavailable", path: "/invoices.json", attempt: 1, of: 8)
        #expect(failing == "HTTP 503: Service Unavailable, attempt 1 of 8: GET /invoices.json")
        #expect(
            RequestExecutor.retryReason(status: 502, message: "", path: "/events.json", attempt: 2, of: 8)
                == "HTTP 502, attempt 2 of 8: GET /events.json")
    }
}
